package dev.hindsight.sql;

/**
 * {@code SUM} of integers into a {@code BIGINT} that fails when the sum is beyond one ({@link CheckedSums}), as a
 * user-defined aggregate in the form Calcite's code generator calls. The state is the sum as Java's {@code +} wraps
 * it, and how many times it wrapped (up: +1, down: -1): a sum that passes 2^63 - 1 on the way and comes back (2^62,
 * 2^62, -1) is exact, whatever the order of its values, as PostgreSQL's; one whose count is not 0 at the end throws
 * {@code ArithmeticException("long overflow")}, which reaches the client as SQLState 22003. Calcite skips NULL values
 * and answers NULL over none, as for its own {@code SUM}. Public for the generated code.
 *
 * <pre>
 *   state: long[] { sum (wrapped), wraps }      true sum = sum + wraps * 2^64
 * </pre>
 */
public final class CheckedSum {

    private CheckedSum() {
    }

    /** The sum of no values. */
    public static long[] init() {
        return new long[2];
    }

    /** {@code state} with {@code value} added. */
    public static long[] add(long[] state, long value) {
        long sum = state[0] + value;
        if (((state[0] ^ sum) & (value ^ sum)) < 0) { // Math.addExact's test: the sum's sign is neither operand's
            state[1] += value > 0 ? 1 : -1;
        }
        state[0] = sum;
        return state;
    }

    /** Two partial states added. */
    public static long[] merge(long[] state, long[] other) {
        state[1] += other[1];
        return add(state, other[0]);
    }

    /**
     * The sum.
     *
     * @throws ArithmeticException if it is beyond a {@code BIGINT}
     */
    public static long result(long[] state) {
        if (state[1] != 0) {
            throw new ArithmeticException("long overflow");
        }
        return state[0];
    }
}
