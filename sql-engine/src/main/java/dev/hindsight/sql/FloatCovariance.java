package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;

/**
 * The running sums of a covariance of two {@code DOUBLE}s, {@code y} and {@code x} in PostgreSQL's order of
 * arguments, kept as PostgreSQL keeps them ({@code float8_regr_accum}, the Youngs–Cramer algorithm): the count
 * {@code n}, the sums {@code sx} and {@code sy}, and {@code sxx}, {@code syy} and {@code sxy}, the sums of products of
 * distances from the running means, each added as {@code (x·n − sx)·(y·n − sy) / (n·(n − 1))}. Calcite's
 * {@code (SUM(x·y) − SUM(x)·SUM(y)/n) / n}, in the arguments' own type, cut the answer of integers to an integer and
 * of {@code DECIMAL}s to their scale, and subtracted two nearly equal large numbers for large {@code DOUBLE}s: the
 * {@code REGR_SYY} of 1000000001, 1000000002 and 1000000004 was 0 (PostgreSQL: 4.67). NULL over no pairs; a sample's
 * of one pair NULL. Beyond a DOUBLE, 22003 as PostgreSQL's; an infinite or NaN value makes its sums NaN. See
 * {@link FloatCovariances}. Public, with its methods, for Calcite's generated code.
 */
public final class FloatCovariance {

    private double n;
    private double sx;
    private double sxx;
    private double sy;
    private double syy;
    private double sxy;

    private FloatCovariance() {
    }

    /**
     * The init and add of each of the aggregates, which Calcite finds on each beside its result (its reflection reads
     * a class's public methods, inherited static ones too).
     */
    public abstract static class Sums {
        Sums() {
        }

        /** A new group's sums. */
        public static FloatCovariance init() {
            return new FloatCovariance();
        }

        /** One pair added: {@code y} the dependent value, {@code x} the independent, as PostgreSQL's order. */
        public static FloatCovariance add(FloatCovariance v, double y, double x) {
            double before = v.n;
            double sxBefore = v.sx;
            double syBefore = v.sy;
            v.n += 1.0;
            v.sx += x;
            v.sy += y;
            if (before > 0.0) {
                double dx = x * v.n - v.sx;
                double dy = y * v.n - v.sy;
                double scale = 1.0 / (v.n * before);
                v.sxx += dx * dx * scale;
                v.syy += dy * dy * scale;
                v.sxy += dx * dy * scale;
                checkOverflow(v, x, y, sxBefore, syBefore);
            } else {
                if (Double.isNaN(x) || Double.isInfinite(x)) {
                    v.sxx = Double.NaN;
                    v.sxy = Double.NaN;
                }
                if (Double.isNaN(y) || Double.isInfinite(y)) {
                    v.syy = Double.NaN;
                    v.sxy = Double.NaN;
                }
            }
            return v;
        }

        /**
         * Finite values that made a sum infinite overflowed (22003); an infinite value makes the sums it is in NaN,
         * so that they do not answer as if it were a number.
         */
        private static void checkOverflow(FloatCovariance v, double x, double y, double sxBefore, double syBefore) {
            boolean xInfinite = Double.isInfinite(v.sx) || Double.isInfinite(v.sxx);
            boolean yInfinite = Double.isInfinite(v.sy) || Double.isInfinite(v.syy);
            boolean xFinite = !Double.isInfinite(sxBefore) && !Double.isInfinite(x);
            boolean yFinite = !Double.isInfinite(syBefore) && !Double.isInfinite(y);
            if ((xInfinite && xFinite) || (yInfinite && yFinite)
                || (Double.isInfinite(v.sxy) && xFinite && yFinite)) {
                throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            }
            if (Double.isInfinite(v.sxx)) {
                v.sxx = Double.NaN;
            }
            if (Double.isInfinite(v.syy)) {
                v.syy = Double.NaN;
            }
            if (Double.isInfinite(v.sxy)) {
                v.sxy = Double.NaN;
            }
        }
    }

    /** {@code COVAR_POP(y, x)}. */
    public static final class Population extends Sums {
        private Population() {
        }

        /** The population covariance, or NULL over no pairs. */
        public static Double result(FloatCovariance v) {
            return v.n == 0 ? null : v.sxy / v.n;
        }
    }

    /** {@code COVAR_SAMP(y, x)}. */
    public static final class Sample extends Sums {
        private Sample() {
        }

        /** The sample covariance, or NULL over fewer than two pairs. */
        public static Double result(FloatCovariance v) {
            return v.n <= 1 ? null : v.sxy / (v.n - 1.0);
        }
    }

    /** {@code REGR_SXX(y, x)}: the sum of squared distances of {@code x} from its mean. */
    public static final class SquaresOfX extends Sums {
        private SquaresOfX() {
        }

        /** The sum, or NULL over no pairs. */
        public static Double result(FloatCovariance v) {
            return v.n == 0 ? null : v.sxx;
        }
    }

    /** {@code REGR_SYY(y, x)}: the sum of squared distances of {@code y} from its mean. */
    public static final class SquaresOfY extends Sums {
        private SquaresOfY() {
        }

        /** The sum, or NULL over no pairs. */
        public static Double result(FloatCovariance v) {
            return v.n == 0 ? null : v.syy;
        }
    }
    /** {@code REGR_SXY(y, x)}: the sum of products of the distances of {@code x} and {@code y} from their means. */
    public static final class Products extends Sums {
        private Products() {
        }

        /** The sum, or NULL over no pairs. */
        public static Double result(FloatCovariance v) {
            return v.n == 0 ? null : v.sxy;
        }
    }

    /** {@code REGR_AVGX(y, x)}: the average of {@code x} over the pairs. */
    public static final class AverageOfX extends Sums {
        private AverageOfX() {
        }

        /** The average, or NULL over no pairs. */
        public static Double result(FloatCovariance v) {
            return v.n == 0 ? null : v.sx / v.n;
        }
    }

    /** {@code REGR_AVGY(y, x)}: the average of {@code y} over the pairs. */
    public static final class AverageOfY extends Sums {
        private AverageOfY() {
        }

        /** The average, or NULL over no pairs. */
        public static Double result(FloatCovariance v) {
            return v.n == 0 ? null : v.sy / v.n;
        }
    }

    /** {@code REGR_SLOPE(y, x)}: the slope of the least-squares line. */
    public static final class Slope extends Sums {
        private Slope() {
        }

        /** The slope, or NULL over no pairs or when {@code x} does not vary. */
        public static Double result(FloatCovariance v) {
            return v.n == 0 || v.sxx == 0 ? null : v.sxy / v.sxx;
        }
    }

    /** {@code REGR_INTERCEPT(y, x)}: where the least-squares line meets the y axis. */
    public static final class Intercept extends Sums {
        private Intercept() {
        }

        /** The intercept, or NULL over no pairs or when {@code x} does not vary. */
        public static Double result(FloatCovariance v) {
            return v.n == 0 || v.sxx == 0 ? null : (v.sy - v.sx * v.sxy / v.sxx) / v.n;
        }
    }

    /** {@code REGR_R2(y, x)}: the square of the correlation coefficient. */
    public static final class Determination extends Sums {
        private Determination() {
        }

        /** The coefficient, NULL over no pairs or when {@code x} does not vary, 1 when only {@code y} does not. */
        public static Double result(FloatCovariance v) {
            if (v.n == 0 || v.sxx == 0) {
                return null;
            }
            return v.syy == 0 ? 1.0 : v.sxy * v.sxy / (v.sxx * v.syy);
        }
    }

    /** {@code CORR(y, x)}: the correlation coefficient. */
    public static final class Correlation extends Sums {
        private Correlation() {
        }

        /** The coefficient, or NULL over no pairs or when either does not vary. */
        public static Double result(FloatCovariance v) {
            return v.n == 0 || v.sxx == 0 || v.syy == 0 ? null : v.sxy / Math.sqrt(v.sxx * v.syy);
        }
    }
}
