package dev.hindsight.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's type system with PostgreSQL's habits: string literals of different lengths meeting in a {@code CASE},
 * {@code COALESCE} or {@code UNION} give a VARCHAR, not a CHAR padded to the longest
 * ({@code CASE … THEN 'bbb' ELSE 'a' END || '|'} is {@code a|}, not {@code a  |}); a {@code SUM} of INTEGERs is
 * a BIGINT ({@link #deriveSumType}); an {@code AVG} of integers is not truncated ({@link #deriveAvgAggType}); casts
 * round half away from zero ({@link #roundingMode}); a TIMESTAMP keeps its milliseconds ({@link #getDefaultPrecision}).
 * Public for Calcite's {@code typeSystem} connection property.
 */
public final class HindsightTypeSystem extends RelDataTypeSystemImpl {

    /** The instance the connection property names. */
    public static final HindsightTypeSystem INSTANCE = new HindsightTypeSystem();

    private HindsightTypeSystem() {
    }

    /**
     * {@code value} as a value of {@code DECIMAL(MAX_DECIMAL_DIGITS, scale)} must be held: at that scale, rounded half
     * away from zero beyond it (Calcite's grouping, {@code DISTINCT} and joins compare BigDecimals with their scale, so
     * 1.5 and 1.50 are two values); {@code null} for more digits before the point than the type has, which each
     * caller refuses with 22003 in its own words.
     */
    static @Nullable BigDecimal decimalValue(BigDecimal value, int scale) {
        BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_UP);
        return scaled.precision() > MAX_DECIMAL_DIGITS ? null : scaled;
    }

    /**
     * A {@code TIMESTAMP} or {@code TIME} written without a precision keeps milliseconds (3, the most Calcite keeps),
     * as PostgreSQL's keeps its microseconds: {@code CAST('2026-11-01T10:00:00.25Z' AS TIMESTAMP)} is 10:00:00.250.
     * Calcite's default, 0, dropped the fraction, so {@code CAST(JSON_VALUE(data, '$.placedAt') AS TIMESTAMP)} lost
     * the milliseconds every {@code ts} has and compared wrongly with it. So do the zoned ones: {@code TO_TIMESTAMP}
     * of {@code '10:00:00.123'} printed {@code 10:00:00}, its value holding the milliseconds.
     */
    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case TIMESTAMP, TIME, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ, TIME_WITH_LOCAL_TIME_ZONE, TIME_TZ -> 3;
            default -> super.getDefaultPrecision(typeName);
        };
    }

    /** The most digits a DECIMAL holds, and of them after the point ({@link #getMaxPrecision}). */
    static final int MAX_DECIMAL_DIGITS = 38;

    /**
     * A DECIMAL holds up to 38 digits (PostgreSQL's {@code numeric} up to 1,000), where Calcite's default, 19, is
     * exactly a BIGINT's: a BIGINT and a number with a fraction meeting in a {@code UNION}, {@code CASE} or
     * {@code COALESCE} needed a DECIMAL(20, 1), got a DECIMAL(19, 0), and the fraction was rounded away
     * ({@code CASE WHEN seq > 2 THEN seq ELSE 1.5 END} was 2); a literal of 20 digits was refused.
     */
    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case DECIMAL -> MAX_DECIMAL_DIGITS;
            case CHAR, VARCHAR, BINARY, VARBINARY -> MAX_LENGTH;
            default -> super.getMaxPrecision(typeName);
        };
    }

    /**
     * The longest {@code VARCHAR(n)} (and {@code CHAR}, {@code BINARY}, {@code VARBINARY}) a statement declares:
     * PostgreSQL's limit of a {@code varchar(n)}. Calcite's, 65,536, was applied without a word, so {@code
     * CAST(data AS VARCHAR(100000))} cut a longer text to 65,536 characters.
     */
    static final int MAX_LENGTH = 10_485_760;

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxScale(typeName);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    /**
     * {@code SUM} of a {@code TINYINT}, {@code SMALLINT} or {@code INTEGER} typed as PostgreSQL types it, a
     * {@code BIGINT}. Calcite's default keeps the argument's type and adds with Java's wrap-around: a {@code SUM} of
     * INTEGERs wrapped at 2^31 (a wrong answer, not an error). A projection's {@code SUM} column takes the same type.
     * Not done for a {@code BIGINT}, whose PostgreSQL sum is a {@code numeric}: Calcite's generated code cannot add a
     * {@code long} to a {@code BigDecimal} sum ("Unable to implement"), so that would need the argument cast first; a
     * query's {@code BIGINT} sum fails beyond its range instead ({@link CheckedSums}).
     */
    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        return switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER -> typeFactory.createTypeWithNullability(
                typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
            default -> super.deriveSumType(typeFactory, argumentType);
        };
    }

    /**
     * Casts to a type with fewer fraction digits round half away from zero, as PostgreSQL's numeric does
     * ({@code CAST(2.567 AS DECIMAL(5,2))} is 2.57, {@code CAST(1.5 AS INTEGER)} is 2, {@code CAST(-1.5 AS INTEGER)}
     * is -2), instead of Calcite's default, toward zero (2.56, 1, -1): a wrong answer a PostgreSQL user would not
     * suspect, in money above all ({@code CAST(JSON_VALUE(data, '$.total') AS DECIMAL(12,2))} of 19.999 was 19.99).
     * Calcite's generated casts (text, DECIMAL, floating point and integers to DECIMAL or an integer type) and the
     * engine's own JSON casts ({@link JsonExtracts}) take this mode. A {@code DOUBLE} cast to an integer rounds
     * half to even instead, as PostgreSQL's does ({@link IntegerCast}).
     */
    @Override
    public RoundingMode roundingMode() {
        return RoundingMode.HALF_UP;
    }

    /**
     * The fewest fraction digits of a {@code DECIMAL} whose scale PostgreSQL's unbounded {@code numeric} would not
     * bound: an average of {@code DECIMAL}s (as PostgreSQL's numeric average shows 16), and a parameter beside a
     * {@code DECIMAL} result of a {@code CASE} ({@code HindsightSqlValidator}).
     */
    static final int MIN_FRACTION_DIGITS = 16;

    /**
     * {@code AVG}, {@code STDDEV_POP}/{@code _SAMP} and {@code VAR_POP}/{@code _SAMP} of an integer type, as of a
     * {@code DECIMAL(p, s)}, a {@code DECIMAL(38, max(s, 16))}, PostgreSQL's {@code numeric}: Calcite's default keeps
     * the argument's type, so {@code AVG} of 1 and 2 was 1 and a standard deviation of integers was truncated; a
     * {@code DOUBLE} (this type's answer for integers until 2026-12-03) kept 15 – 16 significant digits and printed
     * as Java does ({@code 2.9166666666666665}, {@code 3.5E7}). At least {@link #MIN_FRACTION_DIGITS} fraction
     * digits, as PostgreSQL's {@code numeric} average has them (Calcite's kept the argument's scale and rounded to it:
     * the average of 1 and 2 was 2, of 1.10 and 2.25 1.68), and the integer digits of any sum of such values up to
     * 10^22. Of a {@code DOUBLE} or {@code REAL}, a {@code DOUBLE}, nullable as the others (of a {@code REAL} it was
     * a {@code REAL}: 1.6666666 for PostgreSQL's 1.6666666666666667). Other types keep Calcite's rule. A projection's
     * {@code AVG} takes the same type.
     */
    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        return switch (argumentType.getSqlTypeName()) {
            // nullable whatever the argument: VAR_SAMP and STDDEV_SAMP of one row are NULL (a NOT NULL type made
            // Calcite cast that NULL to 0.0 in a GROUP BY), and AVG, STDDEV_POP and VAR_POP take the same type
            // PostgreSQL's numeric average: at least 16 fraction digits, and all 38 digits there are: Calcite's
            // rewrite casts the SUM it divides to this type, so its integer digits must hold the sum's, not only the
            // argument's (an AVG of 9.5 and 9.5 was 22003, "19.0 cannot be represented as a DECIMAL(17, 16)")
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> typeFactory.createTypeWithNullability(
                typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_DIGITS,
                    Math.max(argumentType.getScale(), MIN_FRACTION_DIGITS)), true);
            // a DOUBLE, as PostgreSQL's avg/variance of real is double precision (a REAL kept 7 digits); nullable:
            // VAR_SAMP of one row is NULL, not 0.0
            case DOUBLE, FLOAT, REAL -> typeFactory.createTypeWithNullability(
                typeFactory.createSqlType(SqlTypeName.DOUBLE), true);
            default -> super.deriveAvgAggType(typeFactory, argumentType);
        };
    }

    /**
     * The type of a division of exact numbers one of which is a {@code DECIMAL}: as many fraction digits as the more
     * precise operand has, and at least {@link #MIN_FRACTION_DIGITS}, as PostgreSQL's numeric division gives at least
     * 16 significant digits ({@code 100 / 7.000} is 14.2857142857142857 there); room for the integer digits the
     * quotient may have, within the 38 there are. Calcite's default, SQL Server's rule, kept as few as 6 fraction
     * digits for a divisor of many digits: {@code SUM(price) / COUNT(*)} would have been 12.333333. A quotient whose
     * integer part passes 22 digits keeps its 16 fraction digits all the same (the value is exact in
     * {@code BigDecimal}; the precision the metadata shows is then 38). {@link DecimalDivision} divides to this scale.
     */
    @Override
    public @Nullable RelDataType deriveDecimalDivideType(RelDataTypeFactory typeFactory, RelDataType type1,
                                                         RelDataType type2) {
        RelDataType calcite = super.deriveDecimalDivideType(typeFactory, type1, type2);
        if (calcite == null) {
            return null; // not a DECIMAL division
        }
        RelDataType dividend = typeFactory.decimalOf(type1); // an integer type's digits; a DECIMAL as it is
        RelDataType divisor = typeFactory.decimalOf(type2);
        int scale = Math.min(MAX_DECIMAL_DIGITS,
            Math.max(MIN_FRACTION_DIGITS, Math.max(dividend.getScale(), divisor.getScale())));
        int whole = dividend.getPrecision() - dividend.getScale() + divisor.getScale();
        return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DECIMAL,
            Math.min(MAX_DECIMAL_DIGITS, whole + scale), scale), calcite.isNullable());
    }
}
