package dev.hindsight.sql;

import org.apache.calcite.avatica.Meta;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a statement's preparation found it can run without Calcite's generated code: a prepared single-row INSERT
 * ({@link InsertFastPath}) or a one-stream read ({@link ScanFastPath}). It is state of that one preparation, carried on
 * its signature's internal parameters (the map Calcite hands to the execution, server-side only: it is never sent to a
 * remote client), and run by {@link HindsightMeta} when the parameters are plain.
 */
sealed interface FastPath permits InsertFastPath, ScanFastPath {

    /** The key of a fast path in {@code Meta.Signature.internalParameters}. */
    String KEY = "hindsight.fastPath";

    /** The fast path of a prepared statement, or {@code null} if it has none. */
    static @Nullable FastPath of(Meta.@Nullable Signature signature) {
        return signature == null ? null : (FastPath) signature.internalParameters.get(KEY);
    }
}
