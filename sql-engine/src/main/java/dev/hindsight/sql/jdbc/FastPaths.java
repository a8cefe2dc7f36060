package dev.hindsight.sql.jdbc;

import dev.hindsight.sql.FastPath;
import dev.hindsight.sql.ScanFastPath;
import org.apache.calcite.avatica.Meta;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The fast path a statement runs by, as its signature carries it ({@link FastPath#KEY}), for the connection's
 * {@link HindsightMeta} and {@link HindsightJdbcFactory}. A one-stream read counts only when the signature passes its
 * rows as arrays of all the scan's columns ({@link ScanFastPath#fits}): the engine attaches it without knowing, since
 * the style of a signature's cursor is Avatica's.
 */
final class FastPaths {

    private FastPaths() {
    }

    /** The fast path of the statement prepared as {@code signature}, or {@code null} if it runs through Calcite. */
    static @Nullable FastPath of(Meta.@Nullable Signature signature) {
        if (signature == null) {
            return null;
        }
        FastPath fast = FastPath.of(signature.internalParameters);
        boolean arrays = signature.cursorFactory.style == Meta.Style.ARRAY;
        return fast instanceof ScanFastPath scan && !scan.fits(arrays, signature.columns.size()) ? null : fast;
    }
}
