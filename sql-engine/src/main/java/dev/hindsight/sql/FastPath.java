package dev.hindsight.sql;

import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: what a statement's preparation found it can run without Calcite's generated code: a prepared single-row
 * INSERT ({@link InsertFastPath}) or a one-stream read ({@link ScanFastPath}). It is state of that one preparation,
 * carried on its signature's internal parameters (the map Calcite hands to the execution, server-side only: it is never
 * sent to a remote client), and run by the connection's {@code Meta} when the parameters are plain; public for that
 * {@code Meta}, in {@code dev.hindsight.sql.jdbc}.
 */
public sealed interface FastPath permits InsertFastPath, ScanFastPath {

    /** The key of a fast path in a signature's {@code internalParameters}. */
    String KEY = "hindsight.fastPath";

    /**
     * The fast path of a prepared statement, or {@code null} if it has none.
     *
     * @param internalParameters the {@code internalParameters} of the statement's signature, or {@code null} if it has
     *                           no signature
     */
    static @Nullable FastPath of(@Nullable Map<String, Object> internalParameters) {
        return internalParameters == null ? null : (FastPath) internalParameters.get(KEY);
    }
}
