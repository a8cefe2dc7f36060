package dev.hindsight.jdbc.spi;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;

/**
 * {@code getBigDecimal} of a DOUBLE or REAL column: the decimal its shortest text says ({@code 0.1}), as PostgreSQL's
 * driver reads float8 and float4 through their text. Avatica's remote accessor gave the binary fraction's every
 * digit ({@code 0.1000000000000000055…}), its embedded one a REAL's as a DOUBLE's ({@code 0.10000000149011612}).
 * Both drivers read through this rule.
 */
public final class ApproximateDecimals {

    private ApproximateDecimals() {
    }

    /** Whether a column of JDBC type {@code type} is read here. */
    public static boolean applies(int type) {
        return type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL;
    }

    /**
     * {@code value} of a column of JDBC type {@code type} ({@link #applies}) as a decimal.
     *
     * @throws SQLException 22003 for NaN and the infinities, which no decimal holds
     */
    public static BigDecimal of(double value, int type, int column) throws SQLException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new SQLException("column " + column + ": " + value + " has no BigDecimal value", "22003");
        }
        return type == Types.REAL ? new BigDecimal(Float.toString((float) value)) : BigDecimal.valueOf(value);
    }
}
