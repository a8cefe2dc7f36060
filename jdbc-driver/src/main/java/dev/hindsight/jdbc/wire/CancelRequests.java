package dev.hindsight.jdbc.wire;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Requests;

/**
 * The thin driver's cancel, which Avatica's protocol has no message for: {@code Statement.cancel()} sends it to
 * {@code /jdbc} over a connection of its own, while the statement's request waits for its answer on the statement's
 * connection. Avatica's envelope around the fields of Avatica's {@code CloseStatementRequest}, under a name no Avatica
 * message has, so a stock Avatica server refuses it as a request of an unknown type:
 *
 * <pre>
 *   WireMessage {
 *     1 name:            "dev.hindsight.jdbc.CancelRequest"
 *     2 wrapped_message: CloseStatementRequest { 1 connection_id: string, 2 statement_id: uint32 }
 *   }
 * </pre>
 */
public final class CancelRequests {

    /** The envelope's name (under 128 bytes: its length is one byte on the wire). */
    static final String NAME = "dev.hindsight.jdbc.CancelRequest";
    private static final byte[] NAME_BYTES = NAME.getBytes(StandardCharsets.UTF_8);
    /** The envelope's first bytes: field 1's tag (1 << 3 | length-delimited) and the name's length. */
    private static final int NAME_TAG = 10;

    private CancelRequests() {
    }

    /** The cancel of the statement {@code h} names (its connection's id and its number). */
    public static byte[] write(Meta.StatementHandle h) {
        Requests.CloseStatementRequest body = Requests.CloseStatementRequest.newBuilder()
            .setConnectionId(h.connectionId).setStatementId(h.id).build();
        try {
            return Wire.wrap(ByteString.copyFrom(NAME_BYTES), Wire.of(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a cancel into an array of its size", e);
        }
    }

    /**
     * The statement a cancel names, or {@code null} if {@code bytes} are not a cancel: told by the envelope's first
     * bytes, as the driver writes them, so any other message costs a comparison of a few bytes.
     *
     * @throws IOException if the bytes start as a cancel but do not parse as one
     */
    public static Meta.StatementHandle read(byte[] bytes) throws IOException {
        int end = 2 + NAME_BYTES.length;
        if (bytes.length < end || bytes[0] != NAME_TAG || bytes[1] != NAME_BYTES.length
            || !Arrays.equals(bytes, 2, end, NAME_BYTES, 0, NAME_BYTES.length)) {
            return null;
        }
        Requests.CloseStatementRequest body = Requests.CloseStatementRequest.parseFrom(
            Common.WireMessage.parseFrom(bytes).getWrappedMessage());
        return new Meta.StatementHandle(body.getConnectionId(), body.getStatementId(), null);
    }
}
