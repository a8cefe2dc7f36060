package dev.hindsight.log;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Event ids as time-ordered UUIDs (RFC 9562 version 7): 48 bits of the commit time in ms, then 74 random bits.
 * Seeded once from {@link SecureRandom}; generating one costs a few ns, not a {@code SecureRandom} call. Used under
 * the append lock: not thread-safe.
 */
final class EventIdGenerator {

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private long lsb;

    /** The most significant half of a new id; {@link #lsb()} then gives the other half. */
    long nextMsb(long tsMillis) {
        long r = random.nextLong();
        lsb = (r & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return ((tsMillis & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    }

    long lsb() {
        return lsb;
    }
}
