package dev.hindsight.sql.jdbc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Common.WireMessage;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's protobuf translation with rows written once. Avatica writes every column value twice: as {@code
 * scalar_value} (or {@code array_value}) and again in the {@code value} list that only clients older than Calcite 1.6
 * (2015) read; a client reads a column written the new way ({@code scalar_value} set, or {@code has_array_value})
 * from that alone. So the responses that carry rows (execute, fetch, result set) are written here with each value
 * once: half the bytes for the server to write and the client to parse on every read, which is where most of a remote
 * read's time went (JFR, docs/benchmarks.md), and each straight into the answer's bytes (Avatica writes the message,
 * then copies it into its wrapper). An execute request carries the prepared statement's whole signature every time,
 * which the response carries back: each signature is parsed once ({@link SignatureCache}), the rest of the request
 * read here as Avatica reads it. Everything else, and every other request, is Avatica's own.
 *
 * <pre>
 *   WireMessage { 1 name: the message's class name, 2 wrapped_message: the message }
 *   ExecuteRequest { 1 statementHandle { 1 connection_id, 2 id, 3 signature }, 2 parameter_values: [TypedValue],
 *                    3 deprecated_first_frame_max_size, 4 has_parameter_values, 5 first_frame_max_size }
 *   ExecuteResponse { results: [ResultSetResponse], missing_statement, metadata }
 *   FetchResponse { frame: Frame, missing_statement, missing_results, metadata }
 *   ResultSetResponse { connection_id, statement_id, own_statement, signature, first_frame: Frame, update_count,
 *                       metadata }
 *   Frame { offset, done, rows: [Row { value: [ColumnValue {scalar_value} | {has_array_value, array_value}] }] }
 * </pre>
 */
final class CompactProtobufTranslation extends ProtobufTranslationImpl {

    /** Each message class's name as the wire carries it, made once per class. */
    private static final ClassValue<ByteString> NAMES = new ClassValue<>() {
        @Override
        protected ByteString computeValue(Class<?> type) {
            return ByteString.copyFromUtf8(type.getName());
        }
    };

    private static final String EXECUTE_REQUEST = Requests.ExecuteRequest.class.getName();

    private final SignatureCache signatures = new SignatureCache();

    @Override
    public Service.Request parseRequest(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.enableAliasing(true); // the wrapped message is read in place, not copied
        WireMessage wire = WireMessage.parseFrom(in);
        return EXECUTE_REQUEST.equals(wire.getName()) ? execute(wire.getWrappedMessage()) : super.parseRequest(bytes);
    }

    /** An execute request, as Avatica's {@code ExecuteRequest.deserialize} reads it, its signature parsed once. */
    private Service.ExecuteRequest execute(ByteString message) throws IOException {
        CodedInputStream in = message.newCodedInput();
        in.enableAliasing(true);
        Meta.StatementHandle handle = null;
        List<TypedValue> values = new ArrayList<>();
        boolean hasValues = false;
        long deprecatedFrameSize = 0;
        int frameSize = 0;
        // a tag is the field's number << 3 | its wire type (0 varint, 2 length-delimited); any other is skipped
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> handle = handle(in.readBytes());
                case 18 -> {
                    Common.TypedValue value = in.readMessage(Common.TypedValue.parser(),
                        ExtensionRegistryLite.getEmptyRegistry());
                    values.add(TypedValue.PROTO_IMPLICIT_NULL.equals(value) ? null : TypedValue.fromProto(value));
                }
                case 24 -> deprecatedFrameSize = in.readUInt64();
                case 32 -> hasValues = in.readBool();
                case 40 -> frameSize = in.readInt32();
                default -> skip(in, tag);
            }
        }
        return new Service.ExecuteRequest(handle, hasValues ? values : null,
            frameSize != 0 ? frameSize : (int) deprecatedFrameSize);
    }

    private Meta.StatementHandle handle(ByteString message) throws IOException {
        CodedInputStream in = message.newCodedInput();
        in.enableAliasing(true);
        String connectionId = "";
        int id = 0;
        Meta.Signature signature = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> connectionId = in.readStringRequireUtf8();
                case 16 -> id = in.readUInt32();
                case 26 -> signature = signatures.signature(in.readBytes());
                default -> skip(in, tag);
            }
        }
        return new Meta.StatementHandle(connectionId, id, signature);
    }

    /** Skips a field this reader does not know, as protobuf's own parsers do; an end-group tag is malformed here. */
    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new IOException("malformed execute request: an unexpected end-group tag " + tag);
        }
    }

    @Override
    public byte[] serializeResponse(Service.Response response) throws IOException {
        Message message;
        if (response instanceof Service.ExecuteResponse execute) {
            message = execute(execute);
        } else if (response instanceof Service.FetchResponse fetch) {
            message = fetch(fetch);
        } else if (response instanceof Service.ResultSetResponse resultSet) {
            message = resultSet(resultSet);
        } else {
            return super.serializeResponse(response);
        }
        ByteString name = NAMES.get(message.getClass());
        int size = message.getSerializedSize();
        byte[] bytes = new byte[CodedOutputStream.computeBytesSize(1, name) + CodedOutputStream.computeTagSize(2)
            + CodedOutputStream.computeUInt32SizeNoTag(size) + size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeBytesNoTag(name);
        out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        message.writeTo(out);
        out.checkNoSpaceLeft();
        return bytes;
    }

    private Responses.ExecuteResponse execute(Service.ExecuteResponse response) {
        Responses.ExecuteResponse.Builder b = Responses.ExecuteResponse.newBuilder();
        if (response.results != null) {
            for (Service.ResultSetResponse result : response.results) {
                b.addResults(resultSet(result));
            }
        }
        if (response.rpcMetadata != null) {
            b.setMetadata(metadata(response.rpcMetadata));
        }
        return b.setMissingStatement(response.missingStatement).build();
    }

    private static Responses.FetchResponse fetch(Service.FetchResponse response) {
        Responses.FetchResponse.Builder b = Responses.FetchResponse.newBuilder();
        if (response.frame != null) {
            b.setFrame(frame(response.frame));
        }
        if (response.rpcMetadata != null) {
            b.setMetadata(metadata(response.rpcMetadata));
        }
        return b.setMissingStatement(response.missingStatement).setMissingResults(response.missingResults).build();
    }

    private Responses.ResultSetResponse resultSet(Service.ResultSetResponse response) {
        Responses.ResultSetResponse.Builder b = Responses.ResultSetResponse.newBuilder()
            .setStatementId(response.statementId).setOwnStatement(response.ownStatement)
            .setUpdateCount(response.updateCount);
        if (response.connectionId != null) {
            b.setConnectionId(response.connectionId);
        }
        if (response.signature != null) {
            b.setSignature(signatures.proto(response.signature));
        }
        if (response.firstFrame != null) {
            b.setFirstFrame(frame(response.firstFrame));
        }
        if (response.rpcMetadata != null) {
            b.setMetadata(metadata(response.rpcMetadata));
        }
        return b.build();
    }

    private static Responses.RpcMetadata metadata(Service.RpcMetadataResponse metadata) {
        return Responses.RpcMetadata.newBuilder().setServerAddress(metadata.serverAddress).build();
    }

    private static Common.Frame frame(Meta.Frame frame) {
        Common.Frame.Builder b = Common.Frame.newBuilder().setDone(frame.done).setOffset(frame.offset);
        for (Object row : frame.rows) {
            if (row == null) {
                continue; // as Avatica does
            }
            Common.Row.Builder r = Common.Row.newBuilder();
            for (Object column : columnsOf(row)) {
                r.addValue(column(column));
            }
            b.addRows(r);
        }
        return b.build();
    }

    private static Iterable<?> columnsOf(Object row) {
        if (row instanceof Object[] columns) {
            return Arrays.asList(columns);
        }
        if (row instanceof Iterable<?> columns) {
            return columns;
        }
        throw new IllegalArgumentException("a row must be an array or a list, not " + row.getClass());
    }

    private static Common.ColumnValue column(Object value) {
        Common.ColumnValue.Builder b = Common.ColumnValue.newBuilder();
        if (value instanceof List<?> list) {
            b.setHasArrayValue(true);
            for (Object item : list) {
                b.addArrayValue(scalar(item));
            }
        } else {
            b.setScalarValue(scalar(value));
        }
        return b.build();
    }

    private static Common.TypedValue scalar(Object value) {
        Common.TypedValue.Builder b = Common.TypedValue.newBuilder();
        TypedValue.toProto(b, value);
        return b.build();
    }
}
