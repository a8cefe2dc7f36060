package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.Arrays;

/**
 * The values of one group for a percentile ({@link Percentiles}), kept to be sorted once at the end, and the two
 * answers PostgreSQL gives from them: {@code PERCENTILE_CONT(f)} interpolates between the values at positions
 * {@code floor(f·(n−1))} and {@code ceil(f·(n−1))} of the sorted values; {@code PERCENTILE_DISC(f)} is the first value
 * whose share of the values at or below it reaches {@code f}, the one at {@code ceil(f·n)}. NULL values are left out
 * (Calcite calls {@code add} with values only); no values, NULL. A fraction outside 0 to 1 is 22003, as PostgreSQL's
 * "percentile value … is not between 0 and 1". Public, with its methods, for Calcite's generated code.
 */
public final class PercentileValues {

    private double[] values = new double[16];
    private int count;
    private double fraction;

    /** {@code value} kept, with the call's fraction. */
    void add(double value, double share) {
        if (share < 0 || share > 1 || Double.isNaN(share)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "percentile value " + share
                + " is not between 0 and 1");
        }
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
        fraction = share;
    }

    /** The sorted values, sorted once. */
    private double[] sorted() {
        Arrays.sort(values, 0, count);
        return values;
    }

    /** {@code PERCENTILE_CONT}: the aggregate Calcite's generated code calls (init, add, result). */
    public static final class Continuous {
        private Continuous() {
        }

        /** A new group's values. */
        public static PercentileValues init() {
            return new PercentileValues();
        }

        /** One row's value and fraction. */
        public static PercentileValues add(PercentileValues values, double value, double fraction) {
            values.add(value, fraction);
            return values;
        }

        /** The interpolated percentile, or NULL over no values. */
        public static Double result(PercentileValues values) {
            if (values.count == 0) {
                return null;
            }
            double[] sorted = values.sorted();
            double position = values.fraction * (values.count - 1);
            int lower = (int) Math.floor(position);
            int upper = (int) Math.ceil(position);
            return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
        }
    }

    /** {@code PERCENTILE_DISC}: the aggregate Calcite's generated code calls (init, add, result). */
    public static final class Discrete {
        private Discrete() {
        }

        /** A new group's values. */
        public static PercentileValues init() {
            return new PercentileValues();
        }

        /** One row's value and fraction. */
        public static PercentileValues add(PercentileValues values, double value, double fraction) {
            values.add(value, fraction);
            return values;
        }

        /** The first value whose share reaches the fraction, or NULL over no values. */
        public static Double result(PercentileValues values) {
            if (values.count == 0) {
                return null;
            }
            int at = (int) Math.ceil(values.fraction * values.count) - 1;
            return values.sorted()[Math.max(at, 0)];
        }
    }
}
