package dev.hindsight.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
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
}
