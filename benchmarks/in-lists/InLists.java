import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;

/**
 * Long prepared IN lists as an ORM sends them ({@code WHERE seq IN (?, ?, …)}), through the thin driver to a running
 * server, one statement each: the wall time of prepare and execute.
 *
 * <pre>
 *   ./hindsight serve --demo --port 7091 &amp;      # then
 *   java -cp jdbc-driver/target/hindsight-jdbc-*.jar benchmarks/in-lists/InLists.java \
 *       jdbc:hindsight://127.0.0.1:7091 20 500 2000 5000 20000
 * </pre>
 */
public final class InLists {

    public static void main(String[] args) throws SQLException {
        try (Connection c = DriverManager.getConnection(args[0])) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
                rs.next(); // the connection's first statement, not measured
            }
            for (int a = 1; a < args.length; a++) {
                int count = Integer.parseInt(args[a]);
                long started = System.nanoTime();
                String sql = "SELECT COUNT(*) FROM events WHERE seq IN ("
                    + String.join(", ", Collections.nCopies(count, "?")) + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 1; i <= count; i++) {
                        ps.setLong(i, i * 3L);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        System.out.printf("prepared IN of %d parameters: %.2f s, count %d%n", count,
                            (System.nanoTime() - started) / 1e9, rs.getLong(1));
                    }
                } catch (SQLException e) {
                    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                    System.out.printf("prepared IN of %d parameters: %.2f s, %s %s%n", count,
                        (System.nanoTime() - started) / 1e9, e.getSQLState(),
                        message.substring(0, Math.min(120, message.length())));
                }
            }
        }
    }
}
