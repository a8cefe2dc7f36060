package dev.hindsight.sql;

import java.util.Map;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;

/**
 * {@code MIN} and {@code MAX} of floating-point numbers in PostgreSQL's order, where NaN is above every number and
 * {@code -0} equals {@code 0} ({@code float8_cmp_internal}), and where a value equal to the one kept takes its place
 * ({@code float8larger}: the later of two equals). Calcite's compare with Java's {@code <} and {@code >}, false of
 * any NaN: {@code MAX} of 5, NaN and 1 was 1 (the NaN replaced 5, as nothing is greater than it, then 1 replaced
 * the NaN); PostgreSQL: NaN. A projection's MIN and MAX order so too ({@code Accumulator}), so a projection equals its
 * query. A {@link DoubleAggregates} step before the statement's optimisation, as {@link FloatVariances}. Public, with
 * its methods, for Calcite's generated code.
 */
public final class FloatExtremes {

    private static final Map<SqlKind, SqlUserDefinedAggFunction> FUNCTIONS = Map.of(
        SqlKind.MIN, DoubleAggregates.nullableDouble("HINDSIGHT_FLOAT_MIN", Min.class),
        SqlKind.MAX, DoubleAggregates.nullableDouble("HINDSIGHT_FLOAT_MAX", Max.class));

    /** The step; stateless. */
    static final Program PROGRAM = new DoubleAggregates(DoubleAggregates.ofOneFloat(FloatExtremes.FUNCTIONS));

    private boolean any;
    private double value;

    private FloatExtremes() {
    }

    /**
     * PostgreSQL's order of floating-point numbers: NaN above all and equal to itself, {@code -0} equal to {@code 0}.
     * Public for the projections' accumulators.
     */
    public static int compare(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** The init of both aggregates, which Calcite finds beside each one's add and result. */
    public abstract static class Start {
        Start() {
        }

        /** A new group's: no value yet. */
        public static FloatExtremes init() {
            return new FloatExtremes();
        }

        /** The value kept, or NULL over no values. */
        public static Double result(FloatExtremes e) {
            return e.any ? e.value : null;
        }
    }

    /** {@code MIN}. */
    public static final class Min extends Start {
        private Min() {
        }

        /** {@code x} in place of the value kept unless that is below it (PostgreSQL's {@code float8smaller}). */
        public static FloatExtremes add(FloatExtremes e, double x) {
            if (!e.any || compare(e.value, x) >= 0) {
                e.value = x;
                e.any = true;
            }
            return e;
        }
    }

    /** {@code MAX}. */
    public static final class Max extends Start {
        private Max() {
        }

        /** {@code x} in place of the value kept unless that is above it (PostgreSQL's {@code float8larger}). */
        public static FloatExtremes add(FloatExtremes e, double x) {
            if (!e.any || compare(e.value, x) <= 0) {
                e.value = x;
                e.any = true;
            }
            return e;
        }
    }
}
