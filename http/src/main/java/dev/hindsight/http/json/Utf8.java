package dev.hindsight.http.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 well-formedness (RFC 3629, Unicode table 3-7): no overlong forms, no encoded surrogates
 * (U+D800–U+DFFF), nothing above U+10FFFF, no truncated sequences, no stray continuation bytes. Java's decoders
 * replace such bytes with U+FFFD instead of refusing them, and Jackson's parser lets overlong forms, surrogates and
 * code points above U+10FFFF through; so every byte the server takes as text (an import, a request body, a path
 * segment) is checked here first. Stateless and thread-safe.
 *
 * <p>Design note: the check runs over every byte of an import, so ASCII is skipped eight bytes at a time and only
 * the bytes of a multi-byte character are looked at one by one.
 */
public final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /** The index of the first byte of the first ill-formed sequence in {@code b[from, to)}, or -1 if there is none. */
    public static int invalidAt(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            if (i + 8 <= to && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            int n = sequenceLength(b, i, to);
            if (n < 0) {
                return i;
            }
            i += n;
        }
        return -1;
    }

    /** The length of the well-formed multi-byte sequence at {@code b[i]}, or -1 if it is ill-formed. */
    private static int sequenceLength(byte[] b, int i, int to) {
        int c = b[i] & 0xff;
        if (c >= 0xC2 && c <= 0xDF) {
            return i + 1 < to && isContinuation(b[i + 1]) ? 2 : -1;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= to) {
                return -1;
            }
            int c1 = b[i + 1] & 0xff;
            int lo = c == 0xE0 ? 0xA0 : 0x80;
            int hi = c == 0xED ? 0x9F : 0xBF;
            return c1 >= lo && c1 <= hi && isContinuation(b[i + 2]) ? 3 : -1;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= to) {
                return -1;
            }
            int c1 = b[i + 1] & 0xff;
            int lo = c == 0xF0 ? 0x90 : 0x80;
            int hi = c == 0xF4 ? 0x8F : 0xBF;
            return c1 >= lo && c1 <= hi && isContinuation(b[i + 2]) && isContinuation(b[i + 3]) ? 4 : -1;
        }
        return -1;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * What is wrong with the ill-formed sequence at {@code b[at]} ({@link #invalidAt} found it), with its bytes in hex,
     * e.g. {@code overlong encoding C0 80}.
     */
    public static String problemAt(byte[] b, int at, int to) {
        int c = b[at] & 0xff;
        int expected = c >= 0xC0 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF7 ? 4 : 1;
        // the lead byte and the continuation bytes that follow it, up to the length it announces
        int end = at + 1;
        while (end < to && end < at + expected && isContinuation(b[end])) {
            end++;
        }
        String problem;
        if (c >= 0x80 && c <= 0xBF) {
            problem = "unexpected continuation byte";
        } else if (c >= 0xF8) {
            problem = "invalid byte";
        } else if (end - at < expected) {
            problem = c == 0xC0 || c == 0xC1 ? "overlong encoding" : "truncated sequence";
        } else if (c == 0xC0 || c == 0xC1 || (c == 0xE0 && (b[at + 1] & 0xff) < 0xA0)
            || (c == 0xF0 && (b[at + 1] & 0xff) < 0x90)) {
            problem = "overlong encoding";
        } else if (c == 0xED) {
            problem = "encoded surrogate";
        } else {
            problem = "above U+10FFFF";
        }
        StringBuilder sb = new StringBuilder(problem);
        for (int i = at; i < end; i++) {
            sb.append(' ').append(Character.toUpperCase(Character.forDigit((b[i] >> 4) & 0xf, 16)))
                .append(Character.toUpperCase(Character.forDigit(b[i] & 0xf, 16)));
        }
        return sb.toString();
    }
}
