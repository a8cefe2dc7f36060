package dev.hindsight.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A result set as a plain text table: a header, a rule, the rows, and a count. NULL prints as {@code NULL}. */
final class ResultTable {

    private final List<String> header = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    ResultTable(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        for (int c = 1; c <= n; c++) {
            header.add(md.getColumnLabel(c));
        }
        while (rs.next()) {
            String[] row = new String[n];
            for (int c = 1; c <= n; c++) {
                String v = rs.getString(c);
                row[c - 1] = v == null ? "NULL" : v;
            }
            rows.add(row);
        }
    }

    void print(PrintStream out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (String[] r : rows) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        out.println(line(header.toArray(new String[0]), widths));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (String[] r : rows) {
            out.println(line(r, widths));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            sb.append(c == 0 ? "" : " | ").append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        return sb.toString().stripTrailing();
    }
}
