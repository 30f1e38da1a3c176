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
    void theDigestFollowsEquality() throws IOException {
        String a = CanonicalJson.sha256(MonitorJson.parse("{\"a\":1.0,\"b\":[\"x\"]}"));
        assertThat(a).matches("[0-9a-f]{64}");
        assertThat(CanonicalJson.sha256(MonitorJson.parse("{\"b\":[\"x\"],\"a\":1}"))).isEqualTo(a);
        assertThat(CanonicalJson.sha256(MonitorJson.parse("{\"b\":[\"y\"],\"a\":1}"))).isNotEqualTo(a);
    }

    /** Whether the two are JSON-equal; their digests must say the same. */
    private static boolean equal(String a, String b) {
        try {
            JsonNode x = MonitorJson.parse(a);
            JsonNode y = MonitorJson.parse(b);
            boolean equal = CanonicalJson.equal(x, y);
            assertThat(CanonicalJson.sha256(x).equals(CanonicalJson.sha256(y)))
                    .as("the digests of %s and %s are equal exactly when the values are", a, b).isEqualTo(equal);
            return equal;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
