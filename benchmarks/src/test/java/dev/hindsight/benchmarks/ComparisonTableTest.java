package dev.hindsight.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTableTest {

    @TempDir
    Path dir;

    @Test
    void rowsWrittenByOnePhaseAreReadBackWithTheirMetaLinesInOrder() throws IOException {
        Path file = dir.resolve("rows.tsv");
        Files.writeString(file, "meta\tmachine: 2 cores\n"); // as bench.sh writes its meta lines
        ComparisonTable.append(file, new ComparisonTable.Row("append", "events/s", true, 300_000, 2_000_000,
            Double.NaN));
        ComparisonTable.append(file, new ComparisonTable.Row("read", "µs, p50", false, 80.5, Double.NaN, 120.25));

        ComparisonTable table = ComparisonTable.read(file);

        assertThat(table.rows()).containsExactly(
            new ComparisonTable.Row("append", "events/s", true, 300_000, 2_000_000, Double.NaN),
            new ComparisonTable.Row("read", "µs, p50", false, 80.5, Double.NaN, 120.25));
        String printed = print(table);
        assertThat(printed).startsWith("machine: 2 cores\n");
        assertThat(printed.lines().filter(l -> l.startsWith("append (events/s)")).findFirst().orElseThrow())
            .contains("300,000").contains("2,000,000").contains("0.15x");
        assertThat(printed.lines().filter(l -> l.startsWith("read (µs, p50)")).findFirst().orElseThrow())
            .contains("80.5").contains("120").endsWith("1.49x");
    }

    @Test
    void timesBetterIsAboveOneWhereHindsightIsBetterWhicheverWayTheUnitGoes() {
        assertThat(new ComparisonTable.Row("a", "rows/s", true, 30, Double.NaN, 10).timesBetter()).isEqualTo(3.0);
        assertThat(new ComparisonTable.Row("a", "rows/s", true, 10, Double.NaN, 40).timesBetter()).isEqualTo(0.25);
        assertThat(new ComparisonTable.Row("a", "ms", false, 10, Double.NaN, 40).timesBetter()).isEqualTo(4.0);
        assertThat(new ComparisonTable.Row("a", "ms", false, 10, 5, Double.NaN).timesBetter()).isNaN();
    }

    @Test
    void theShareOfTheFloorIsHindsightsFigureOverRawChronicles() {
        assertThat(new ComparisonTable.Row("a", "events/s", true, 1, 4, Double.NaN).shareOfFloor()).isEqualTo(0.25);
        assertThat(new ComparisonTable.Row("a", "µs", false, 4, 1, Double.NaN).shareOfFloor()).isEqualTo(0.25);
        assertThat(new ComparisonTable.Row("a", "rows/s", true, 1, Double.NaN, 4).shareOfFloor()).isNaN();
    }

    @Test
    void aLineThatIsNeitherMetaNorARowIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve("rows.tsv");
        Files.writeString(file, "meta\tok\nrow\tappend\tevents/s\tmore\t1\t-\t2\n");

        assertThatThrownBy(() -> ComparisonTable.read(file))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    private static String print(ComparisonTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
