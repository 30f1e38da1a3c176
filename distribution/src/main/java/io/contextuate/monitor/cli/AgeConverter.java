package io.contextuate.monitor.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an age or a duration such as {@code 90d}, {@code 12h}, {@code 30m}, {@code 45s} or {@code 500ms} (a whole
 * number and one unit).
 */
final class AgeConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern AGE = Pattern.compile("(\\d{1,12})(ms|[dhms])");

    @Override
    public Duration convert(String value) {
        Matcher m = AGE.matcher(value.trim());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an age: use a whole number and one unit, d, h, m, s or ms (for example 90d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            case "ms" -> Duration.ofMillis(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
