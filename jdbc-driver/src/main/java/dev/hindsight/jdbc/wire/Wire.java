package dev.hindsight.jdbc.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Avatica's envelope and the few protobuf steps the readers share.
 *
 * <pre>
 *   WireMessage { 1 name: the message's class name, 2 wrapped_message: the message }
 * </pre>
 */
final class Wire {

    private Wire() {
    }

    /** Reads a message's fields from a stream limited to it. */
    interface Reader<T> {
        T read(CodedInputStream in) throws IOException;
    }

    /** {@code message} in its envelope, written once into an array of its exact size. */
    static byte[] wrap(ByteString name, Message message) throws IOException {
        int size = message.getSerializedSize();
        byte[] bytes = new byte[CodedOutputStream.computeBytesSize(1, name) + CodedOutputStream.computeTagSize(2)
            + CodedOutputStream.computeUInt32SizeNoTag(size) + size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeBytes(1, name);
        out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        message.writeTo(out);
        out.checkNoSpaceLeft();
        return bytes;
    }

    /** A length-delimited message at {@code in}'s position, read by {@code reader} within its length. */
    static <T> T nested(CodedInputStream in, Reader<T> reader) throws IOException {
        int outer = in.pushLimit(in.readRawVarint32()); // refuses a negative length or one past the outer limit
        T value = reader.read(in); // reads to the limit, or skips to it; an end-group tag is refused by skip
        in.popLimit(outer);
        return value;
    }

    /** Skips a field the reader does not know, as protobuf's parsers do; an end-group tag is malformed here. */
    static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("an unexpected end-group tag " + tag);
        }
    }
}
