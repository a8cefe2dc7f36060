package dev.hindsight.remote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small helpers of the remote tests: rows as comma-joined text, and the SQLState of a failing call. */
final class Rows {

    static final String INSERT = "INSERT INTO events (stream_id, entity_type, name, data, metadata, expected_version) ";

    private Rows() {
    }

    static List<String> of(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return text(rs);
        }
    }

    static List<String> text(ResultSet rs) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                row.append(i > 1 ? ", " : "").append(rs.getString(i));
            }
            out.add(row.toString());
        }
        return out;
    }

    static int update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** The SQLException {@code call} fails with; any other outcome fails the test, naming what happened. */
    static SQLException failure(Call call) {
        try {
            call.run();
        } catch (SQLException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an SQLException, got " + e, e);
        }
        throw new AssertionError("expected an SQLException, the call succeeded");
    }
}
