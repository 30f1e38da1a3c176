package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The hardest values real upstream data holds, as {@code data} objects to put in events: strings with {@code \u0000}
 * and lone surrogates, deep nesting, numbers beyond 64 bits, big tool outputs. {@link UpstreamData} places them in
 * its datasets; conformance tests use them directly to pin one case each.
 */
public final class UpstreamSpecimens {

    /** A line of a tool output that is plain ASCII, 64 bytes with its line feed. */
    private static final String OUTPUT_LINE = "drwxr-xr-x  5 dev  staff   160 Nov 26 09:14 src/main/java/io/app\n";

    private UpstreamSpecimens() {
    }

    /**
     * Strings as tool outputs hold them: NUL, a lone high and a lone low surrogate (a cut emoji), whole emoji,
     * Windows paths with backslashes, control characters, quotes.
     */
    public static ObjectNode trickyStrings() {
        ObjectNode o = MonitorJson.newObject();
        o.put("stdout", "binary\u0000output\u0000");
        o.put("cutEmoji", "the answer is \ud83d");
        o.put("loneLowSurrogate", "x\udc00y");
        o.put("emoji", "done \u2705 \ud83d\ude00 \ud83d\udc69\u200d\ud83d\udcbb");
        o.put("windowsPath", "C:\\Users\\dev\\repo\\src\\Main.java");
        o.put("uncPath", "\\\\server\\share\\file.txt");
        o.put("controls", "tab\tnew\nline\rbell\u0007unit\u001f");
        o.put("quotes", "say \"hi\" and 'bye' </script>");
        o.put("nonLatin", "\u4f60\u597d \u043f\u0440\u0438\u0432\u0435\u0442 \u0645\u0631\u062d\u0628\u0627");
        return o;
    }

    /** Objects and arrays alternating, {@code depth} levels deep, a string at the bottom. */
    public static ObjectNode deepNesting(int depth) {
        ObjectNode root = MonitorJson.newObject();
        ObjectNode current = root;
        for (int level = 1; level < depth; level++) {
            if (level % 2 == 0) {
                ArrayNode array = current.putArray("items");
                array.add(level);
                current = array.addObject();
            } else {
                current = current.putObject("child");
            }
        }
        current.put("bottom", "reached at depth " + depth);
        return root;
    }

    /** Numbers JavaScript and 64-bit integers cannot hold exactly: beyond 64 bits, long decimals, 1e400. */
    public static ObjectNode bigNumbers() {
        ObjectNode o = MonitorJson.newObject();
        o.put("beyond64Bits", new BigInteger("123456789012345678901234567890"));
        o.put("negativeBeyond64Bits", new BigInteger("-18446744073709551617"));
        o.put("maxLong", Long.MAX_VALUE);
        o.put("longDecimal", new BigDecimal("0.1000000000000000055511151231257827021181583404541015625"));
        o.put("huge", new BigDecimal("1e400"));
        o.put("tiny", new BigDecimal("-2.5e-400"));
        o.put("plainDecimal", new BigDecimal("3.5"));
        o.put("zero", 0);
        return o;
    }

    /** A tool output of exactly {@code bytes} bytes of UTF-8, shaped like a long directory listing. */
    public static String toolOutput(int bytes) {
        StringBuilder sb = new StringBuilder(bytes);
        while (sb.length() + OUTPUT_LINE.length() <= bytes) {
            sb.append(OUTPUT_LINE);
        }
        while (sb.length() < bytes) {
            sb.append('.');
        }
        return sb.toString();
    }

    /** A {@code tool_result} data object whose output is {@code bytes} long. */
    public static ObjectNode largeToolResult(int bytes) {
        ObjectNode o = MonitorJson.newObject();
        o.put("toolName", "Bash");
        o.putObject("toolInput").put("command", "ls -laR /");
        ObjectNode output = o.putObject("toolOutput");
        output.put("stdout", toolOutput(bytes));
        output.put("stderr", "");
        output.put("interrupted", false);
        return o;
    }
}
