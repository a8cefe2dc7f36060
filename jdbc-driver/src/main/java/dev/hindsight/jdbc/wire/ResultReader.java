package dev.hindsight.jdbc.wire;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.Service;

/**
 * Reads the responses a prepared statement's work brings back (prepare, execute, fetch, result set) as Avatica's
 * {@code ProtobufTranslationImpl} reads them, to the same objects, but each frame's values straight from the bytes:
 * Avatica's client builds a protobuf message per value and asks protobuf's reflection which fields each has, which was
 * two thirds of the thin driver's time on a prepared read (JFR, docs/benchmarks.md). Signatures go through the
 * {@link SignatureCache}. A column this reader does not take on itself (an array, a rare type, a column written the
 * pre-1.6 way) is handed to Avatica's own parsing, as a frame of that one cell, so every value reads as Avatica's.
 * Message layouts: {@link ResultWriter}, {@link ExecuteRequests}.
 *
 * <pre>
 *   PrepareResponse { 1 statement: StatementHandle, 2 metadata }
 *   RpcMetadata { 1 server_address }
 *   TypedValue { 1 type: Rep, 2 bool_value, 3 string_value, 4 number_value (zigzag), 5 bytes_value, 6 double_value,
 *                7 null, 8 array_value, 9 component_type, 10 implicitly_null }
 * </pre>
 *
 * One reader per response: it knows where in {@code bytes} the stream it reads starts, to hand a column's bytes on.
 */
final class ResultReader {

    private final SignatureCache signatures;
    private final byte[] bytes;
    private final int start;

    /** A reader of a stream over {@code bytes} from {@code start}. */
    ResultReader(SignatureCache signatures, byte[] bytes, int start) {
        this.signatures = signatures;
        this.bytes = bytes;
        this.start = start;
    }

    Service.PrepareResponse prepare(CodedInputStream in) throws IOException {
        Meta.StatementHandle statement = null;
        Service.RpcMetadataResponse metadata = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> statement = Wire.nested(in, handle -> ExecuteRequests.handle(handle, signatures));
                case 18 -> metadata = Wire.nested(in, ResultReader::metadata);
                default -> Wire.skip(in, tag);
            }
        }
        return new Service.PrepareResponse(statement != null ? statement : new Meta.StatementHandle("", 0, null),
            metadata);
    }

    Service.ExecuteResponse execute(CodedInputStream in) throws IOException {
        List<Service.ResultSetResponse> results = new ArrayList<>();
        boolean missingStatement = false;
        Service.RpcMetadataResponse metadata = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> results.add(Wire.nested(in, this::resultSet));
                case 16 -> missingStatement = in.readBool();
                case 26 -> metadata = Wire.nested(in, ResultReader::metadata);
                default -> Wire.skip(in, tag);
            }
        }
        return new Service.ExecuteResponse(results, missingStatement, metadata);
    }

    Service.FetchResponse fetch(CodedInputStream in) throws IOException {
        Meta.Frame frame = null;
        boolean missingStatement = false;
        boolean missingResults = false;
        Service.RpcMetadataResponse metadata = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> frame = Wire.nested(in, this::frame);
                case 16 -> missingStatement = in.readBool();
                case 24 -> missingResults = in.readBool();
                case 34 -> metadata = Wire.nested(in, ResultReader::metadata);
                default -> Wire.skip(in, tag);
            }
        }
        // Avatica reads a fetch response without a frame as an empty one
        return new Service.FetchResponse(frame != null ? frame : new Meta.Frame(0, false, new ArrayList<>()),
            missingStatement, missingResults, metadata);
    }

    Service.ResultSetResponse resultSet(CodedInputStream in) throws IOException {
        String connectionId = null;
        int statementId = 0;
        boolean ownStatement = false;
        Meta.Signature signature = null;
        Meta.Frame frame = null;
        long updateCount = 0;
        Service.RpcMetadataResponse metadata = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> connectionId = orNull(in.readStringRequireUtf8());
                case 16 -> statementId = in.readUInt32();
                case 24 -> ownStatement = in.readBool();
                case 34 -> signature = signatures.signature(in.readBytes());
                case 42 -> frame = Wire.nested(in, this::frame);
                case 48 -> updateCount = in.readUInt64();
                case 58 -> metadata = Wire.nested(in, ResultReader::metadata);
                default -> Wire.skip(in, tag);
            }
        }
        return new Service.ResultSetResponse(connectionId, statementId, ownStatement, signature, frame, updateCount,
            metadata);
    }

    private static Service.RpcMetadataResponse metadata(CodedInputStream in) throws IOException {
        String address = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == 10) {
                address = orNull(in.readStringRequireUtf8());
            } else {
                Wire.skip(in, tag);
            }
        }
        return new Service.RpcMetadataResponse(address);
    }

    /** A proto3 string field reads as absent (null, to Avatica) when empty. */
    private static String orNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private Meta.Frame frame(CodedInputStream in) throws IOException {
        long offset = 0;
        boolean done = false;
        List<Object> rows = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 8 -> offset = in.readUInt64();
                case 16 -> done = in.readBool();
                case 26 -> rows.add(Wire.nested(in, this::row));
                default -> Wire.skip(in, tag);
            }
        }
        return new Meta.Frame(offset, done, rows);
    }

    private List<Object> row(CodedInputStream in) throws IOException {
        List<Object> row = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == 10) {
                row.add(column(in));
            } else {
                Wire.skip(in, tag);
            }
        }
        return row;
    }

    /** A column value: a scalar of a common type read here, anything else by Avatica from the column's bytes. */
    private Object column(CodedInputStream in) throws IOException {
        int length = in.readRawVarint32();
        int from = start + in.getTotalBytesRead();
        int outer = in.pushLimit(length);
        Object value = Scalars.NOT_READ;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == 34 && value == Scalars.NOT_READ) {
                value = Wire.nested(in, Scalars::read); // scalar_value
            } else if (tag == 10) {
                Wire.skip(in, tag); // the pre-1.6 copy, which a column with a scalar_value is never read from
            } else {
                value = Scalars.NOT_READ; // an array, a second scalar, an unknown field: Avatica's to read
                in.skipRawBytes(in.getBytesUntilLimit());
                break;
            }
        }
        in.popLimit(outer);
        return value != Scalars.NOT_READ ? value : avaticas(from, length);
    }

    /** The column at {@code bytes[from, from + length)} as Avatica's {@code Frame.fromProto} reads it. */
    private Object avaticas(int from, int length) throws IOException {
        Common.ColumnValue column = Common.ColumnValue.parser().parseFrom(bytes, from, length);
        Common.Frame cell = Common.Frame.newBuilder().addRows(Common.Row.newBuilder().addValue(column)).build();
        Object row = Meta.Frame.fromProto(cell).rows.iterator().next();
        return ((List<?>) row).get(0);
    }
}
