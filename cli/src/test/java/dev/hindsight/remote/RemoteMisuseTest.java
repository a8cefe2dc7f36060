package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.JdbcMisuseContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin driver's answers to a caller's misuse of JDBC ({@link JdbcMisuseContract}), the same as the embedded
 * driver's: through the real jar in its own class loader, against a real server. A DECIMAL's text is its plain
 * numeral, and an interval's fraction its milliseconds, as embedded.
 */
class RemoteMisuseTest extends JdbcMisuseContract {

    @TempDir
    Path dir;
    RemoteServer server;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected Connection connect() throws Exception {
        return server.connect(RemoteServer.ADMIN_KEY);
    }

    @Test
    void aDecimalReadsAsItsPlainNumeralAsEmbedded() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 0.0 / 3, 1.0 / 10000000")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("0.0000000000000000"); // Avatica's: 0E-16
            assertThat(rs.getString(2)).isEqualTo("0.0000001000000000");
        }
    }

    @Test
    void anIntervalTypedFinerThanMillisecondsReadsItsMillisecondsAsEmbedded() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT INTERVAL '1.5' SECOND, -INTERVAL '1:30.007' MINUTE TO SECOND, "
                 + "CAST(NULL AS INTERVAL SECOND)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("+1.500000"); // Avatica's: +1.000000
            assertThat(rs.getString(2)).isEqualTo("-1:30.007000");
            assertThat(rs.getString(3)).isNull();
        }
    }
}
