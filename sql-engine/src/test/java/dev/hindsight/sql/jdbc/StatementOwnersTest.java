package dev.hindsight.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.junit.jupiter.api.Test;

/**
 * Given statements made by two connections, when each names the other's (to run, close or cancel it), then it is
 * refused; its own work.
 */
class StatementOwnersTest {

    private final Set<Integer> live = new HashSet<>();
    private final StatementOwners owners = new StatementOwners(10, () -> live);

    private StatementHandle made(String connection, int id) {
        live.add(id);
        return owners.made(new StatementHandle(connection, id, null), null);
    }

    @Test
    void aStatementIsUsedAndClosedOnlyThroughTheConnectionThatMadeIt() throws Exception {
        made("writer", 1);
        made("reader", 2);
        StatementHandle stolen = new StatementHandle("reader", 1, null);
        assertThatThrownBy(() -> owners.check(stolen)).isInstanceOf(NoSuchStatementException.class);
        assertThat(owners.forget(stolen)).isFalse();
        assertThat(owners.forget(new StatementHandle(null, 1, null))).isFalse();
        StatementHandle own = new StatementHandle("writer", 1, null);
        assertThat(owners.check(own)).isSameAs(own);
        assertThat(owners.forget(own)).isTrue();
        assertThatThrownBy(() -> owners.check(own)).as("forgotten once closed")
            .isInstanceOf(NoSuchStatementException.class);
    }

    @Test
    void aCancelReachesAStatementOnlyThroughTheConnectionThatMadeIt() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:mem:");
             Statement writers = c.createStatement()) {
            live.add(1);
            owners.made(new StatementHandle("writer", 1, null), writers);
            owners.cancel(new StatementHandle("reader", 1, null));
            owners.cancel(new StatementHandle("writer", 2, null));
            assertThat(canceled(writers)).as("named by another connection, or another number").isFalse();
            owners.cancel(new StatementHandle("writer", 1, null));
            assertThat(canceled(writers)).isTrue();
        }
    }

    private static boolean canceled(Statement statement) throws Exception {
        AvaticaStatement avatica = statement.unwrap(AvaticaStatement.class);
        return avatica.connection.getCancelFlag(avatica.handle).get();
    }

    @Test
    void aStatementNeverRecordedIsRefusedButMayBeClosed() {
        // a metadata result's statement: JdbcMeta makes it inside itself, its rows go whole in the first frame
        StatementHandle metadata = new StatementHandle("reader", 7, null);
        assertThatThrownBy(() -> owners.check(metadata)).isInstanceOf(NoSuchStatementException.class);
        assertThat(owners.forget(metadata)).isTrue();
    }

    @Test
    void aClosedConnectionsStatementsAreForgottenAndOnesTheCacheDroppedArePruned() throws Exception {
        made("a", 1);
        made("b", 2);
        owners.forgetConnection("a");
        assertThatThrownBy(() -> owners.check(new StatementHandle("a", 1, null)))
            .isInstanceOf(NoSuchStatementException.class);
        for (int id = 3; id < 200; id++) {
            made("b", id);
            live.remove(id); // dropped by the server's cache on its own
        }
        StatementHandle kept = new StatementHandle("b", 2, null);
        assertThat(owners.check(kept)).as("still in the cache, still recorded").isSameAs(kept);
    }
}
