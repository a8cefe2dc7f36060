package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real client library over the embedded driver: JDBI's generated keys, transactions and {@code java.time}
 * mapping.
 */
class JdbiTest {

    static final String INSERT = InsertTest.COLUMNS + "VALUES (:stream, 't', 'x.y', '{}', NULL, NULL)";

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");
    Jdbi jdbi;

    @BeforeEach
    void seed() throws SQLException {
        jdbi = Jdbi.create(() -> SqlFixture.connect(sql.url(), new Properties()));
    }

    @Test
    void executeAndReturnGeneratedKeysGivesTheSeq() {
        long seq = jdbi.withHandle(h -> h.createUpdate(INSERT)
            .bind("stream", "b")
            .executeAndReturnGeneratedKeys("seq")
            .mapTo(Long.class)
            .one());

        assertThat(seq).isEqualTo(3L);
    }

    @Test
    void anInTransactionThatThrowsAppendsNothing() throws SQLException {
        assertThatThrownBy(() -> jdbi.inTransaction(h -> {
            h.createUpdate(INSERT).bind("stream", "b").execute();
            h.createUpdate(INSERT).bind("stream", "c").execute();
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class).hasMessage("changed my mind");

        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void anInTransactionThatReturnsAppendsItsInserts() throws SQLException {
        int n = jdbi.inTransaction(h -> h.createUpdate(INSERT).bind("stream", "b").execute()
            + h.createUpdate(INSERT).bind("stream", "c").execute());

        assertThat(n).isEqualTo(2);
        assertThat(sql.rows("SELECT stream_id FROM events WHERE seq > 2 ORDER BY seq")).containsExactly("b", "c");
    }

    @Test
    void tsMapsToLocalDateTimeInUtc() {
        var ts = jdbi.withHandle(h -> h.createQuery("SELECT ts FROM events ORDER BY seq")
            .mapTo(LocalDateTime.class)
            .list());

        assertThat(ts).containsExactly(LocalDateTime.of(2026, 11, 1, 10, 0), LocalDateTime.of(2026, 11, 1, 10, 1));
    }
}
