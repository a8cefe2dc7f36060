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

    /**
     * A message's fields written by hand: sized first, so that it can be written inside its length. Each field as
     * protobuf writes it: in number order, and not at all at its default (0, false, empty).
     */
    abstract static class Body {

        private final int size;

        Body(int size) {
            this.size = size;
        }

        /** The size of the fields {@link #writeTo} writes. */
        final int size() {
            return size;
        }

        abstract void writeTo(CodedOutputStream out) throws IOException;
    }

    /** {@code message}'s fields, as protobuf writes them. */
    static Body of(Message message) {
        return new Body(message.getSerializedSize()) {
            @Override
            void writeTo(CodedOutputStream out) throws IOException {
                message.writeTo(out);
            }
        };
    }

    /** {@code body} in an envelope named {@code name}, written once into an array of its exact size. */
    static byte[] wrap(ByteString name, Body body) throws IOException {
        byte[] bytes = new byte[CodedOutputStream.computeBytesSize(1, name) + nestedSize(2, body.size())];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeBytes(1, name);
        writeNested(out, 2, body);
        out.checkNoSpaceLeft();
        return bytes;
    }

    /** A nested message's field of {@code size} bytes: its tag, its length and itself. */
    static int nestedSize(int field, int size) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }

    static void writeNested(CodedOutputStream out, int field, Body body) throws IOException {
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(body.size());
        body.writeTo(out);
    }

    static int boolSize(int field, boolean value) {
        return value ? CodedOutputStream.computeBoolSize(field, true) : 0;
    }

    static void writeBool(CodedOutputStream out, int field, boolean value) throws IOException {
        if (value) {
            out.writeBool(field, true);
        }
    }

    static int messageSize(int field, Message message) {
        return message == null ? 0 : CodedOutputStream.computeMessageSize(field, message);
    }

    static void writeMessage(CodedOutputStream out, int field, Message message) throws IOException {
        if (message != null) {
            out.writeMessage(field, message);
        }
    }

    /** A message written before, as bytes ({@code null}: no field). */
    static int bytesSize(int field, ByteString message) {
        return message == null ? 0 : CodedOutputStream.computeBytesSize(field, message);
    }

    static void writeBytes(CodedOutputStream out, int field, ByteString message) throws IOException {
        if (message != null) {
            out.writeBytes(field, message);
        }
    }

    static int uint32Size(int field, int value) {
        return value == 0 ? 0 : CodedOutputStream.computeUInt32Size(field, value);
    }

    static void writeUInt32(CodedOutputStream out, int field, int value) throws IOException {
        if (value != 0) {
            out.writeUInt32(field, value);
        }
    }

    static int stringSize(int field, String text) {
        return text.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, text);
    }

    static void writeString(CodedOutputStream out, int field, String text) throws IOException {
        if (!text.isEmpty()) {
            out.writeString(field, text);
        }
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
