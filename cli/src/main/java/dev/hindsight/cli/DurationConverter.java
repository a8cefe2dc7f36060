package dev.hindsight.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option: a whole number and a unit, {@code ms}, {@code s}, {@code m} (or {@code min}, as the JDBC
 * property and {@code SET statement_timeout} spell it), {@code h} or {@code d} ({@code 500ms}, {@code 90s},
 * {@code 5m}, {@code 24h}, {@code 7d}), greater than zero and at most ten years (a
 * longer one overflowed in the server's timers, and each request then failed). Anything else is refused at start with
 * the value and the accepted form; picocli adds the option's name. Stateless, thread-safe.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    /** Up to 18 digits, any long: a longer value is refused by its size, not its form (2147483647ms was). */
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})(ms|s|min|m|h|d)");
    private static final Duration LONGEST = Duration.ofDays(3650);

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration: give a whole number and a unit, "
                + "ms, s, m (or min), h or d (e.g. 90s, 5m, 24h)");
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            throw new TypeConversionException("'" + value + "': the duration must be greater than zero");
        }
        Duration duration;
        try {
            duration = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (ArithmeticException beyondJava) {
            duration = null; // more days than a Duration holds: longer than LONGEST anyway
        }
        if (duration == null || duration.compareTo(LONGEST) > 0) {
            throw new TypeConversionException("'" + value + "': the duration must be at most " + LONGEST.toDays()
                + "d (ten years)");
        }
        return duration;
    }
}
