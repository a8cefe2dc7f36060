package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Arguments a non-UTF-8 locale could not decode are refused, not stored as U+FFFD. */
class ArgumentEncodingTest {

    /** What the JVM makes of {@code text}'s UTF-8 bytes in a locale of {@code charset}. */
    private static String decodedIn(String text, Charset charset) {
        return new String(text.getBytes(StandardCharsets.UTF_8), charset);
    }

    @Test
    void givenAnAsciiLocale_whenAnArgumentHeldNonAsciiBytes_thenItIsRefusedNamingItsPositionAndTheWayOut() {
        String[] args = {"append", "u-1", "n", "--data", decodedIn("{\"s\":\"é\"}", StandardCharsets.US_ASCII)};

        assertThat(ArgumentEncoding.refusal(args, "ANSI_X3.4-1968")).hasValueSatisfying(reason -> assertThat(reason)
            .contains("argument 5", "ANSI_X3.4-1968", "LC_ALL=C.UTF-8"));
    }

    @Test
    void givenAnAsciiLocale_whenEveryArgumentIsAscii_thenTheyAreTaken() {
        assertThat(ArgumentEncoding.refusal(new String[] {"append", "u-1", "n", "--data", "{\"s\":1}"},
            "ANSI_X3.4-1968")).isEmpty();
    }

    @Test
    void givenAUtf8Locale_whenAnArgumentHoldsNonAsciiText_thenItIsTaken() {
        String[] args = {"append", "ü-1", "ñ", "--data", decodedIn("{\"s\":\"é😀\"}", StandardCharsets.UTF_8)};

        assertThat(ArgumentEncoding.refusal(args, "UTF-8")).isEmpty();
        assertThat(ArgumentEncoding.refusal(new String[] {"\uFFFD"}, "UTF-8")).as("typed as such").isEmpty();
    }
}
