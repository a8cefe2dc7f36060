package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The values of one group for a percentile ({@link Percentiles}), kept to be sorted once at the end, and the two
 * answers PostgreSQL gives from them, with the values in the order asked for: {@code PERCENTILE_CONT(f)}
 * interpolates between the values at positions {@code floor(f·(n−1))} and {@code ceil(f·(n−1))}, or is the value
 * there when they are one; {@code PERCENTILE_DISC(f)} is the first value whose share of the values up to it reaches
 * {@code f}, the one at {@code ceil(f·n)}. NaN sorts above every number, as in PostgreSQL. NULL values are left out
 * (Calcite calls {@code add} with values only); no values, NULL. Calcite's validator admits a literal fraction from 0
 * to 1 alone; another would be 22003, as PostgreSQL's "percentile value … is not between 0 and 1". Public, with its
 * methods, for Calcite's generated code.
 */
public final class PercentileValues {

    private double[] values = new double[16];
    private int count;
    private double fraction;
    private boolean descending;

    /** {@code value} kept, with the call's fraction and order. */
    void add(double value, double share, boolean downward) {
        check(share);
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
        fraction = share;
        descending = downward;
    }

    /** The value at {@code position} of the values in the order asked for; {@link #sort} first. */
    private double at(int position) {
        return values[descending ? count - 1 - position : position];
    }

    private void sort() {
        Arrays.sort(values, 0, count); // NaN last, as PostgreSQL sorts it
    }

    private static void check(double share) {
        if (share < 0 || share > 1 || Double.isNaN(share)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "percentile value " + share
                + " is not between 0 and 1");
        }
    }

    /** The position {@code PERCENTILE_DISC} answers from among {@code count} values. */
    private static int discrete(double fraction, int count) {
        return Math.max((int) Math.ceil(fraction * count) - 1, 0);
    }

    /**
     * The init and add of an aggregate over DOUBLEs, which Calcite finds on each subclass beside its result (its
     * reflection reads a class's public methods, inherited static ones too).
     */
    public abstract static class OfDoubles {
        OfDoubles() {
        }

        /** A new group's values. */
        public static PercentileValues init() {
            return new PercentileValues();
        }

        /** One row's value, fraction and order. */
        public static PercentileValues add(PercentileValues values, double value, double fraction,
                                           boolean descending) {
            values.add(value, fraction, descending);
            return values;
        }
    }

    /** {@code PERCENTILE_CONT}: the aggregate Calcite's generated code calls (init, add, result). */
    public static final class Continuous extends OfDoubles {
        private Continuous() {
        }

        /** The interpolated percentile, or NULL over no values. */
        public static Double result(PercentileValues values) {
            if (values.count == 0) {
                return null;
            }
            values.sort();
            double position = values.fraction * (values.count - 1);
            int lower = (int) Math.floor(position);
            int upper = (int) Math.ceil(position);
            double low = values.at(lower);
            // at a position exactly, its value (an infinity stays one: Infinity + 0 × NaN would be NaN)
            return lower == upper ? low : low + (position - lower) * (values.at(upper) - low);
        }
    }

    /** {@code PERCENTILE_DISC} of DOUBLEs: the aggregate Calcite's generated code calls (init, add, result). */
    public static final class Discrete extends OfDoubles {
        private Discrete() {
        }

        /** The first value whose share reaches the fraction, or NULL over no values. */
        public static Double result(PercentileValues values) {
            if (values.count == 0) {
                return null;
            }
            values.sort();
            return values.at(discrete(values.fraction, values.count));
        }
    }

    /** {@code PERCENTILE_DISC} of exact numbers, kept exact: the aggregate Calcite's generated code calls. */
    public static final class ExactDiscrete {
        private final List<BigDecimal> values = new ArrayList<>();
        private double fraction;
        private boolean descending;

        private ExactDiscrete() {
        }

        /** A new group's values. */
        public static ExactDiscrete init() {
            return new ExactDiscrete();
        }

        /** One row's value, fraction and order. */
        public static ExactDiscrete add(ExactDiscrete values, BigDecimal value, double fraction,
                                        boolean descending) {
            check(fraction);
            values.values.add(value);
            values.fraction = fraction;
            values.descending = descending;
            return values;
        }

        /** The first value whose share reaches the fraction, or NULL over no values. */
        public static BigDecimal result(ExactDiscrete values) {
            int n = values.values.size();
            if (n == 0) {
                return null;
            }
            Collections.sort(values.values);
            int at = discrete(values.fraction, n);
            return values.values.get(values.descending ? n - 1 - at : at);
        }
    }
}
