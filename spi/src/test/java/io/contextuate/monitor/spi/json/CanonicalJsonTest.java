package io.contextuate.monitor.spi.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {

    @Test
    void memberOrderDoesNotMatter() {
        assertThat(equal("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":null}}", "{\"b\":{\"y\":null,\"x\":[1,2]},\"a\":1}"))
                .isTrue();
    }

    @Test
    void whitespaceDoesNotMatter() {
        assertThat(equal("{\"a\":[1, 2]}", "{\n  \"a\": [\n    1,\n    2\n  ]\n}")).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "1 | 1.0", "1 | 1e0", "100 | 1E+2", "0 | -0.0", "0.5 | 5e-1",
            "123456789012345678901234567890 | 1.23456789012345678901234567890e29", "1e400 | 10e399",
    })
    void theSpellingOfANumberDoesNotMatter(String a, String b) {
        assertThat(equal("{\"n\":" + a + "}", "{\"n\":" + b + "}")).isTrue();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"n\":1}                  | {\"n\":2}",
            "{\"n\":1}                  | {\"n\":\"1\"}",
            "{\"n\":null}               | {}",
            "{\"n\":[1,2]}              | {\"n\":[2,1]}",
            "{\"n\":0.1}                | {\"n\":0.10000000000000001}",
            "{\"n\":true}               | {\"n\":\"true\"}",
            "{\"n\":{\"a\":{\"b\":1}}}  | {\"n\":{\"a\":{\"b\":1,\"c\":1}}}",
            "{\"s\":\"a\\u0000\"}       | {\"s\":\"a\"}",
            "{\"s\":\"\\ud83d\"}        | {\"s\":\"\\ud83d\\ude00\"}",
            "{\"n\":123456789012345678901234567890} | {\"n\":123456789012345678901234567891}",
            "[\"ab\",\"c\"]              | [\"a\",\"bc\"]",
            "{\"a\":\"b\"}               | [\"a\",\"b\"]",
            "{\"a\":{}}                | {\"a\":[]}",
            "[[],[]]                  | [[[]]]",
            "{\"s\":\"\\ud83d\"}        | {\"s\":\"?\"}",
            "{\"s\":\"\\ud83d\"}        | {\"s\":\"\\ufffd\"}",
            "{\"s\":\"\\udc00\\ud83d\"} | {\"s\":\"\\ud83d\\udc00\"}",
            "{\"n\":null}               | {\"n\":\"null\"}",
    })
    void differentValuesDiffer(String a, String b) {
        assertThat(equal(a, b)).isFalse();
    }

    @Test
    void theDigestAndTheChecksumFollowEquality() throws IOException {
        JsonNode value = MonitorJson.parse("{\"a\":1.0,\"b\":[\"x\"]}");
        JsonNode same = MonitorJson.parse("{\"b\":[\"x\"],\"a\":1}");
        JsonNode other = MonitorJson.parse("{\"b\":[\"y\"],\"a\":1}");

        assertThat(CanonicalJson.sha256(value)).matches("[0-9a-f]{64}")
                .isEqualTo(CanonicalJson.sha256(same)).isNotEqualTo(CanonicalJson.sha256(other));
        assertThat(CanonicalJson.checksum(value)).matches("[0-9a-f]{16}")
                .isEqualTo(CanonicalJson.checksum(same)).isNotEqualTo(CanonicalJson.checksum(other));
    }

    @Test
    void digestAndChecksumAreThoseOfTheDocumentedEncoding() throws IOException {
        // '{' count(1), string "a" (count(1), UTF-16 0061), '#' string "1": worked out apart from this code, so that
        // digests kept by earlier runs (of the records they carried) stay comparable
        JsonNode n = MonitorJson.parse("{\"a\":1}");
        assertThat(CanonicalJson.sha256(n)).isEqualTo(
                "cb446f7095199d332b979e90b44f36056e9b5bb241cdd3ed1992703f5ac0aee7");
        assertThat(CanonicalJson.checksum(n)).as("CRC-32C, then CRC-32").isEqualTo("4a0489b593614b0a");
    }

    @Test
    void longStringsAndManyMembersAreDigestedWhole() throws IOException {
        String longText = "\u00e9x".repeat(5000);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append(longText, 0, i % 7)
                    .append('"');
        }
        String manyMembers = many.append('}').toString();
        assertThat(equal("{\"s\":\"" + longText + "\"}", "{\"s\":\"" + longText + "\"}")).isTrue();
        assertThat(equal("{\"s\":\"" + longText + "\"}", "{\"s\":\"" + longText + "y\"}")).isFalse();
        assertThat(equal(manyMembers, manyMembers)).isTrue();
        assertThat(equal(manyMembers, manyMembers.replace("\"k2999\"", "\"k3000\""))).isFalse();
    }

    /** Whether the two are JSON-equal; their digests and checksums must say the same. */
    private static boolean equal(String a, String b) {
        try {
            JsonNode x = MonitorJson.parse(a);
            JsonNode y = MonitorJson.parse(b);
            boolean equal = CanonicalJson.equal(x, y);
            assertThat(CanonicalJson.sha256(x).equals(CanonicalJson.sha256(y)))
                    .as("the digests of %s and %s are equal exactly when the values are", a, b).isEqualTo(equal);
            assertThat(CanonicalJson.checksum(x).equals(CanonicalJson.checksum(y)))
                    .as("the checksums of %s and %s are equal exactly when the values are", a, b).isEqualTo(equal);
            return equal;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
