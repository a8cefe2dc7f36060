package dev.hindsight.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of SPEC §7 that {@code ./hindsight bench} prints: for each figure, Hindsight's, raw Chronicle Queue's
 * (the floor, where it does the same work) and PostgreSQL's, and Hindsight's against each.
 *
 * <p>The phases of a run (separate JVMs, and the shell script between them) add their rows to one file, read back
 * at the end. One line each, fields separated by tabs:
 * <pre>
 * meta   TEXT                                                   a line printed above the table, in order
 * row    LABEL  UNIT  higher|lower  HINDSIGHT  CHRONICLE  POSTGRESQL      a figure; "-" where a side has none
 * </pre>
 */
final class ComparisonTable {

    private static final String NONE = "-";

    /** One figure of each side; {@code NaN} where a side has none. */
    record Row(String label, String unit, boolean higherIsBetter, double hindsight, double chronicle,
               double postgresql) {

        /**
         * How many times Hindsight's figure is better than PostgreSQL's: above 1, Hindsight's is better (more per
         * second, or less time); {@code NaN} without both figures.
         */
        double timesBetter() {
            if (Double.isNaN(hindsight) || Double.isNaN(postgresql) || hindsight <= 0 || postgresql <= 0) {
                return Double.NaN;
            }
            return higherIsBetter ? hindsight / postgresql : postgresql / hindsight;
        }

        /** Hindsight's figure as a share of raw Chronicle Queue's, the floor (e.g. 0.4); {@code NaN} without both. */
        double shareOfFloor() {
            if (Double.isNaN(hindsight) || Double.isNaN(chronicle) || hindsight <= 0 || chronicle <= 0) {
                return Double.NaN;
            }
            return higherIsBetter ? hindsight / chronicle : chronicle / hindsight;
        }
    }

    private final List<String> meta = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    /** Adds {@code row} to the file at {@code file}, creating it if needed. */
    static void append(Path file, Row row) throws IOException {
        appendLine(file, String.join("\t", "row", row.label, row.unit, row.higherIsBetter ? "higher" : "lower",
            field(row.hindsight), field(row.chronicle), field(row.postgresql)));
    }

    /**
     * The table in {@code file}.
     *
     * @throws IllegalArgumentException naming the line, if one is not a meta or row line as drawn above
     */
    static ComparisonTable read(Path file) throws IOException {
        ComparisonTable table = new ComparisonTable();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("meta") && f.length == 2) {
                table.meta.add(f[1]);
            } else if (f[0].equals("row") && f.length == 7 && (f[3].equals("higher") || f[3].equals("lower"))) {
                table.rows.add(new Row(f[1], f[2], f[3].equals("higher"), value(f[4], file, number),
                    value(f[5], file, number), value(f[6], file, number)));
            } else {
                throw new IllegalArgumentException(file + " line " + number + " is neither a meta line nor a row of"
                    + " 7 fields: " + line);
            }
        }
        return table;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Prints the meta lines, then the table, aligned, with a legend. */
    void print(PrintStream out) {
        meta.forEach(out::println);
        int labelWidth = "figure".length();
        for (Row r : rows) {
            labelWidth = Math.max(labelWidth, r.label.length() + r.unit.length() + 3);
        }
        String format = "%-" + labelWidth + "s  %12s  %12s  %12s  %12s  %9s%n";
        out.println();
        out.printf(format, "figure", "hindsight", "chronicle", "vs chronicle", "postgresql", "vs pg");
        out.println("-".repeat(labelWidth + 69));
        for (Row r : rows) {
            out.printf(format, r.label + " (" + r.unit + ")", number(r.hindsight), number(r.chronicle),
                ratio(r.shareOfFloor()), number(r.postgresql), ratio(r.timesBetter()));
        }
        out.println();
        out.println("vs pg: how many times Hindsight's figure is better than PostgreSQL's (more per second, or less"
            + " time); below 1, PostgreSQL's is better. chronicle: raw Chronicle Queue appends of the same bytes,"
            + " the floor; vs chronicle: Hindsight's figure as a share of it.");
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return NONE;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2fx", v);
    }

    private static String field(double v) {
        return Double.isNaN(v) ? NONE : Double.toString(v);
    }

    private static double value(String field, Path file, int line) {
        if (field.equals(NONE)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ": not a number: " + field, e);
        }
    }

    private static void appendLine(Path file, String line) throws IOException {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a line of the table file cannot hold a line break: " + line);
        }
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
    }
}
