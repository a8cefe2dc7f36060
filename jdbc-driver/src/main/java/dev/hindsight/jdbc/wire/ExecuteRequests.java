package dev.hindsight.jdbc.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Execute requests and statement handles, read and written as Avatica's {@code ExecuteRequest} and
 * {@code StatementHandle} do, with each signature through a {@link SignatureCache}: a prepared statement sends its
 * whole signature with every execute.
 *
 * <pre>
 *   ExecuteRequest { 1 statementHandle: StatementHandle, 2 parameter_values: [TypedValue],
 *                    3 deprecated_first_frame_max_size, 4 has_parameter_values, 5 first_frame_max_size }
 *   StatementHandle { 1 connection_id, 2 id, 3 signature }
 * </pre>
 *
 * A tag is the field's number {@code << 3 |} its wire type (0 varint, 2 length-delimited); other fields are skipped,
 * as protobuf's own parsers skip fields they do not know.
 */
final class ExecuteRequests {

    private ExecuteRequests() {
    }

    /** Reads an execute request from {@code in}, limited to the message. */
    static Service.ExecuteRequest read(CodedInputStream in, SignatureCache signatures) throws IOException {
        Meta.StatementHandle handle = null;
        List<TypedValue> values = new ArrayList<>();
        boolean hasValues = false;
        long deprecatedFrameSize = 0;
        int frameSize = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> handle = Wire.nested(in, nested -> handle(nested, signatures));
                case 18 -> {
                    Common.TypedValue value = in.readMessage(Common.TypedValue.parser(),
                        ExtensionRegistryLite.getEmptyRegistry());
                    values.add(TypedValue.PROTO_IMPLICIT_NULL.equals(value) ? null : TypedValue.fromProto(value));
                }
                case 24 -> deprecatedFrameSize = in.readUInt64();
                case 32 -> hasValues = in.readBool();
                case 40 -> frameSize = in.readInt32();
                default -> Wire.skip(in, tag);
            }
        }
        return new Service.ExecuteRequest(handle, hasValues ? values : null,
            frameSize != 0 ? frameSize : (int) deprecatedFrameSize);
    }

    /** Reads a statement handle from {@code in}, limited to the message. */
    static Meta.StatementHandle handle(CodedInputStream in, SignatureCache signatures) throws IOException {
        String connectionId = "";
        int id = 0;
        Meta.Signature signature = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> connectionId = in.readStringRequireUtf8();
                case 16 -> id = in.readUInt32();
                case 26 -> signature = signatures.signature(in.readBytes());
                default -> Wire.skip(in, tag);
            }
        }
        return new Meta.StatementHandle(connectionId, id, signature);
    }

    /** {@code request} as Avatica's {@code ExecuteRequest.serialize} writes it, its signature's bytes reused. */
    static Wire.Body write(Service.ExecuteRequest request, SignatureCache signatures) {
        Wire.Body handle = request.statementHandle == null ? null : handle(request.statementHandle, signatures);
        List<Common.TypedValue> parameters = request.parameterValues == null ? null : protos(request.parameterValues);
        int frameSize = request.maxRowCount; // written twice: as the deprecated uint64 and as the int32
        int size = (handle == null ? 0 : Wire.nestedSize(1, handle.size())) + Wire.boolSize(4, parameters != null)
            + (frameSize == 0 ? 0 : CodedOutputStream.computeUInt64Size(3, frameSize)
                + CodedOutputStream.computeInt32Size(5, frameSize));
        if (parameters != null) {
            for (Common.TypedValue value : parameters) {
                size += Wire.messageSize(2, value);
            }
        }
        return new Wire.Body(size) {
            @Override
            void writeTo(CodedOutputStream out) throws IOException {
                if (handle != null) {
                    Wire.writeNested(out, 1, handle);
                }
                if (parameters != null) {
                    for (Common.TypedValue value : parameters) {
                        out.writeMessage(2, value);
                    }
                }
                if (frameSize != 0) {
                    out.writeUInt64(3, frameSize);
                }
                Wire.writeBool(out, 4, parameters != null);
                if (frameSize != 0) {
                    out.writeInt32(5, frameSize);
                }
            }
        };
    }

    /** The parameters' messages, a missing one (null) as Avatica marks it: implicitly null. */
    private static List<Common.TypedValue> protos(List<TypedValue> values) {
        List<Common.TypedValue> protos = new ArrayList<>(values.size());
        for (TypedValue value : values) {
            protos.add(value == null ? TypedValue.PROTO_IMPLICIT_NULL : value.toProto());
        }
        return protos;
    }

    private static Wire.Body handle(Meta.StatementHandle h, SignatureCache signatures) {
        String connectionId = h.connectionId;
        int id = h.id;
        ByteString signature = h.signature == null ? null : signatures.bytes(h.signature);
        return new Wire.Body(Wire.stringSize(1, connectionId) + Wire.uint32Size(2, id) + Wire.bytesSize(3, signature)) {
            @Override
            void writeTo(CodedOutputStream out) throws IOException {
                Wire.writeString(out, 1, connectionId);
                Wire.writeUInt32(out, 2, id);
                Wire.writeBytes(out, 3, signature);
            }
        };
    }
}
