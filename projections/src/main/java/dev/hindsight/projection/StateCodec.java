package dev.hindsight.projection;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes a projection's state into its snapshot and reads it back. A projection without one is not snapshotted: it
 * catches up from {@code seq} 1 when the log opens.
 *
 * @param <S> the state
 */
public interface StateCodec<S> {

    void write(S state, DataOutput out) throws IOException;

    S read(DataInput in) throws IOException;
}
