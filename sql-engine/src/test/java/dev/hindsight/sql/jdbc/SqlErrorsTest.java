package dev.hindsight.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void anExpressionCalciteCannotImplementIs0A000NamingThePlanNodeWithoutThePlan() {
        // Calcite's words as it says them when its code generation has nothing for an expression
        SQLException e = SqlErrors.fromExecution(new IllegalStateException("Unable to implement EnumerableCalc("
            + "expr#0=[{inputs}], expr#1=[86400000:INTERVAL DAY], expr#2=[1.5:DECIMAL(2, 1)], expr#3=[*($t1, $t2)], "
            + "?column?=[$t3]): rowcount = 1.0, cumulative cost = {2.0 rows, 6.0 cpu, 0.0 io}, id = 27"));

        assertThat(e.getSQLState()).isEqualTo("0A000");
        assertThat(e.getMessage()).isEqualTo("not supported: an expression of the statement has no implementation "
            + "here (Calcite: Unable to implement EnumerableCalc)");
    }

    /**
     * "The server's log has the details": Avatica keeps a client exception's state and message, not its cause, so the
     * fault of an internal error is logged where it leaves for the client (System.Logger goes to java.util.logging
     * here).
     */
    @Test
    void anInternalErrorIsLoggedWithItsFaultWhereItLeavesForTheClient() {
        IllegalStateException fault = new IllegalStateException("a planner rule broke");
        try (Logged logged = new Logged()) {
            RuntimeException client = SqlErrors.reported(fault);

            assertThat(SqlErrors.stateOf(client)).isEqualTo("XX000");
            assertThat(client.getMessage()).isEqualTo("internal error: java.lang.IllegalStateException: a planner rule "
                + "broke");
            assertThat(logged.records).singleElement().satisfies(r -> assertThat(r.getThrown()).isSameAs(fault));
        }
    }

    @Test
    void aClientsMistakeIsNotLogged() {
        try (Logged logged = new Logged()) {
            assertThat(SqlErrors.stateOf(SqlErrors.reported(new ArithmeticException("/ by zero")))).isEqualTo("22012");
            assertThat(logged.records).isEmpty();
        }
    }

    /** What {@link SqlErrors} logs while it is open. */
    private static final class Logged extends Handler implements AutoCloseable {
        final List<LogRecord> records = new ArrayList<>();
        private final Logger logger = Logger.getLogger(SqlErrors.class.getName());

        Logged() {
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
