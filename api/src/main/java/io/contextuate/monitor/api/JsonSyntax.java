package io.contextuate.monitor.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says where and why a {@code contextuate-monitor.json} is not JSON, in JSON's own terms (line, column, what was
 * expected), for a file typesafe-config refused: its HOCON parser reports JSON mistakes in HOCON's terms ("expecting
 * a close parentheses"). Values from the file are never repeated (they may be secrets).
 */
final class JsonSyntax {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    /** Jackson's "(start marker at [Source: ...; line: L, column: C])": where the unclosed object or array opened. */
    private static final Pattern START_MARKER = Pattern.compile(
            "\\s*\\(start marker at .*?line: (\\d+), column: (\\d+).*$");
    /** Quoted text in Jackson's messages; a token of up to one character ('}') is punctuation, the rest may be a value. */
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"");

    private JsonSyntax() {
    }

    /**
     * The first JSON syntax error of the text, as {@code FILE, line L, column C: what}; empty when the text is JSON
     * (then typesafe-config's own message applies) or the file is HOCON ({@code .conf}).
     */
    static Optional<String> problem(String text, Path file) {
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".conf")) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(text)) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String what = START_MARKER.matcher(e.getOriginalMessage().lines().findFirst().orElse(""))
                    .replaceAll(" (opened at line $1, column $2)");
            what = QUOTED.matcher(what.lines().findFirst().orElse(what)).replaceAll(q -> q.group().length() <= 3
                    ? Matcher.quoteReplacement(q.group()) : "'...'");
            String where = at == null ? file.toString()
                    : file + ", line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Optional.of(where + ": not valid JSON: " + what);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
