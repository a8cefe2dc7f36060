package dev.hindsight.sql;

/**
 * {@code SUM} of integers into a {@code BIGINT} that fails on overflow ({@link CheckedSums}), as a user-defined
 * aggregate in the form Calcite's code generator calls: a sum that passes 2^63 - 1 throws
 * {@code ArithmeticException("long overflow")}, which reaches the client as SQLState 22003. Calcite skips NULL
 * values and answers NULL over none, as for its own {@code SUM}. Public for the generated code.
 */
public final class CheckedSum {

    private CheckedSum() {
    }

    /** The sum of no values. */
    public static long init() {
        return 0L;
    }

    /** {@code sum + value}, or an {@code ArithmeticException} beyond a {@code BIGINT}. */
    public static long add(long sum, long value) {
        return Math.addExact(sum, value);
    }

    /** Two partial sums added, as {@link #add}. */
    public static long merge(long sum, long other) {
        return Math.addExact(sum, other);
    }

    /** The sum. */
    public static long result(long sum) {
        return sum;
    }
}
