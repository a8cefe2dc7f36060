package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;

/**
 * The running sums of a variance of {@code DOUBLE}s, kept as PostgreSQL keeps them ({@code float8_accum}, the
 * Youngs–Cramer algorithm): the count {@code n}, the sum {@code sx}, and {@code sxx}, the sum of squared distances
 * from the running mean, added as {@code (x·n − sx)² / (n·(n − 1))} with each value. Calcite's
 * {@code (SUM(x²) − SUM(x)²/n) / n} subtracts two nearly equal large numbers: the variance of 1000000001,
 * 1000000002 and 1000000003 was 0 (PostgreSQL: 1). Over no values NULL; a sample's of one value NULL. Beyond a
 * DOUBLE, 22003 as PostgreSQL's; see {@link FloatVariances}. Public, with its methods, for Calcite's generated code.
 */
public final class FloatVariance {

    private double n;
    private double sx;
    private double sxx;

    private FloatVariance() {
    }

    /**
     * The init and add of each of the four aggregates, which Calcite finds on each beside its result (its reflection
     * reads a class's public methods, inherited static ones too).
     */
    public abstract static class Sums {
        Sums() {
        }

        /** A new group's sums. */
        public static FloatVariance init() {
            return new FloatVariance();
        }

        /** One value added. */
        public static FloatVariance add(FloatVariance v, double x) {
            double before = v.n;
            double sumBefore = v.sx;
            v.n += 1.0;
            v.sx += x;
            if (before > 0.0) {
                double tmp = x * v.n - v.sx;
                v.sxx += tmp * tmp / (v.n * before);
                if (Double.isInfinite(v.sx) || Double.isInfinite(v.sxx)) {
                    if (!Double.isInfinite(sumBefore) && !Double.isInfinite(x)) {
                        throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                    }
                    v.sxx = Double.NaN;
                }
            } else if (Double.isNaN(x) || Double.isInfinite(x)) {
                v.sxx = Double.NaN;
            }
            return v;
        }
    }

    /** {@code VAR_POP}. */
    public static final class Population extends Sums {
        private Population() {
        }

        /** The population variance, or NULL over no values. */
        public static Double result(FloatVariance v) {
            return v.n == 0 ? null : v.sxx / v.n;
        }
    }

    /** {@code VAR_SAMP}. */
    public static final class Sample extends Sums {
        private Sample() {
        }

        /** The sample variance, or NULL over fewer than two values. */
        public static Double result(FloatVariance v) {
            return v.n <= 1 ? null : v.sxx / (v.n - 1.0);
        }
    }

    /** {@code STDDEV_POP}. */
    public static final class PopulationDeviation extends Sums {
        private PopulationDeviation() {
        }

        /** The population standard deviation, or NULL over no values. */
        public static Double result(FloatVariance v) {
            return v.n == 0 ? null : Math.sqrt(v.sxx / v.n);
        }
    }

    /** {@code STDDEV_SAMP}. */
    public static final class SampleDeviation extends Sums {
        private SampleDeviation() {
        }

        /** The sample standard deviation, or NULL over fewer than two values. */
        public static Double result(FloatVariance v) {
            return v.n <= 1 ? null : Math.sqrt(v.sxx / (v.n - 1.0));
        }
    }
}
