package dev.hindsight.sql;

import dev.hindsight.projection.Fold;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A SQL projection's states (one result per {@link Accumulator}) kept by the history as one long each: a COUNT, a
 * BIGINT or INTEGER as itself, a DECIMAL as its unscaled value at the result type's scale; {@code Long.MIN_VALUE} is
 * NULL. A result that does not fit (a DECIMAL of another scale or beyond 18 digits, a value of another class, the
 * sentinel itself) makes its state stay an object, so unpacking always gives back an equal state of the same classes.
 */
final class PackedStates implements Fold.StatePacking {

    private static final long NULL = Long.MIN_VALUE;
    /** Digits of a DECIMAL whose unscaled value always fits a long. */
    private static final int LONG_DIGITS = 18;

    private enum Slot { LONG, INT, DECIMAL }

    private final Slot[] slots;
    private final int[] scales;

    private PackedStates(Slot[] slots, int[] scales) {
        this.slots = slots;
        this.scales = scales;
    }

    /** The packing of states of these accumulators, or empty if one of them has a result type not packed. */
    static Optional<Fold.StatePacking> of(Accumulator[] accumulators) {
        Slot[] slots = new Slot[accumulators.length];
        int[] scales = new int[accumulators.length];
        for (int i = 0; i < accumulators.length; i++) {
            Accumulator a = accumulators[i];
            scales[i] = a.scale();
            if (a.kind() == Accumulator.Kind.COUNT) {
                slots[i] = Slot.LONG;
                continue;
            }
            switch (a.type()) {
                case BIGINT -> slots[i] = Slot.LONG;
                case INTEGER -> slots[i] = Slot.INT;
                case DECIMAL -> slots[i] = Slot.DECIMAL;
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new PackedStates(slots, scales));
    }

    @Override
    public int width() {
        return slots.length;
    }

    @Override
    public boolean pack(Object state, long[] into, int at) {
        if (!(state instanceof Object[] results) || results.length != slots.length) {
            return false;
        }
        for (int i = 0; i < slots.length; i++) {
            Object r = results[i];
            long v;
            if (r == null) {
                v = NULL;
            } else if (slots[i] == Slot.LONG && r instanceof Long l) {
                v = l;
            } else if (slots[i] == Slot.INT && r instanceof Integer n) {
                v = n;
            } else if (slots[i] == Slot.DECIMAL && r instanceof BigDecimal d && d.scale() == scales[i]
                && (d.precision() <= LONG_DIGITS || d.unscaledValue().bitLength() < 64)) {
                // at scale 0 a value of at most 18 digits answers longValue from its own long; unscaledValue()
                // makes a BigInteger per state, so only the 19-digit ones pay for it
                v = d.precision() <= LONG_DIGITS ? d.movePointRight(scales[i]).longValue()
                    : d.unscaledValue().longValue();
            } else {
                return false;
            }
            if (v == NULL && r != null) {
                return false;
            }
            into[at + i] = v;
        }
        return true;
    }

    @Override
    public Object unpack(long[] from, int at) {
        Object[] results = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            long v = from[at + i];
            results[i] = v == NULL ? null : switch (slots[i]) {
                case LONG -> v;
                case INT -> (int) v;
                case DECIMAL -> BigDecimal.valueOf(v, scales[i]);
            };
        }
        return results;
    }
}
