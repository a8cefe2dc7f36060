package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private long now;

    @Test
    void printsAtMostEvery200MillisInPlaceOnATerminalAndOnceMoreWithANewlineAtTheEnd() {
        Progress p = new Progress(errStream, "imported", 1000, true, () -> now);

        now = 100_000_000L;
        p.update(10, 100);
        assertThat(printed()).isEmpty();
        now = 500_000_000L;
        p.update(50_000, 450);
        now = 600_000_000L;
        p.update(60_000, 500);
        now = 1_000_000_000L;
        p.finish(123_456, 1000);
        p.finish(123_456, 1000);

        assertThat(printed()).isEqualTo("\rimported 50000 events, 100000 events/s, 45%"
            + "\rimported 123456 events, 123456 events/s, 100%\n");
    }

    @Test
    void leavesThePercentOutWhenTheTotalIsUnknownAndBlanksOutALongerPreviousLine() {
        Progress p = new Progress(errStream, "exported", -1, true, () -> now);

        now = 1_000_000_000L;
        p.update(1_000_000, 0);
        p.finish(0, 0);

        assertThat(printed()).isEqualTo("\rexported 1000000 events, 1000000 events/s"
            + "\rexported 0 events, 0 events/s" + " ".repeat(12) + "\n");
    }

    @Test
    void writesTheFinalLineOnceWhenTheLastUpdateJustWroteIt() {
        Progress p = new Progress(errStream, "exported", -1, false, () -> now);

        now = 1_000_000_000L;
        p.update(1_000, 0);
        p.finish(1_000, 0);

        assertThat(printed()).isEqualTo("exported 1000 events, 1000 events/s\n");
    }

    @Test
    void writesWholeLinesWhenStderrIsNoTerminal() {
        Progress p = new Progress(errStream, "imported", 1000, false, () -> now);

        now = 100_000_000L;
        p.update(10, 100);
        now = 500_000_000L;
        p.update(50_000, 450);
        now = 1_000_000_000L;
        p.finish(123_456, 1000);
        p.finish(123_456, 1000);

        assertThat(printed()).isEqualTo("""
            imported 50000 events, 100000 events/s, 45%
            imported 123456 events, 123456 events/s, 100%
            """).doesNotContain("\r");
    }

    private String printed() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
