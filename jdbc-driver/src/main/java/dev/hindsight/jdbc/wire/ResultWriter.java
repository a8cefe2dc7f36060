package dev.hindsight.jdbc.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The responses that carry rows, written with each value once. Avatica writes every column value twice: as {@code
 * scalar_value} (or {@code array_value}) and again in the {@code value} list that only clients older than Calcite 1.6
 * (2015) read; a client reads a column written the new way ({@code scalar_value} set, or {@code has_array_value})
 * from that alone: half the bytes to write and to parse on every read, where most of a remote read's time went (JFR,
 * docs/benchmarks.md). A signature is written as the bytes the {@link SignatureCache} keeps for it; the messages that
 * carry one are written by hand ({@link Wire.Body}), the rest by protobuf.
 *
 * <pre>
 *   ExecuteResponse { 1 results: [ResultSetResponse], 2 missing_statement, 3 metadata }
 *   FetchResponse { 1 frame: Frame, 2 missing_statement, 3 missing_results, 4 metadata }
 *   ResultSetResponse { 1 connection_id, 2 statement_id, 3 own_statement, 4 signature, 5 first_frame: Frame,
 *                       6 update_count, 7 metadata }
 *   Frame { 1 offset, 2 done, 3 rows: [Row { 1 value: [ColumnValue {4 scalar_value}
 *                                                      | {3 has_array_value, 2 array_value}] }] }
 * </pre>
 */
final class ResultWriter {

    private final SignatureCache signatures;

    ResultWriter(SignatureCache signatures) {
        this.signatures = signatures;
    }

    Wire.Body execute(Service.ExecuteResponse response) {
        List<Wire.Body> results = new ArrayList<>();
        if (response.results != null) {
            for (Service.ResultSetResponse result : response.results) {
                results.add(resultSet(result));
            }
        }
        boolean missing = response.missingStatement;
        Responses.RpcMetadata metadata = metadata(response.rpcMetadata);
        int size = Wire.boolSize(2, missing) + Wire.messageSize(3, metadata);
        for (Wire.Body result : results) {
            size += Wire.nestedSize(1, result.size());
        }
        return new Wire.Body(size) {
            @Override
            void writeTo(CodedOutputStream out) throws IOException {
                for (Wire.Body result : results) {
                    Wire.writeNested(out, 1, result);
                }
                Wire.writeBool(out, 2, missing);
                Wire.writeMessage(out, 3, metadata);
            }
        };
    }

    Wire.Body fetch(Service.FetchResponse response) {
        Responses.FetchResponse.Builder b = Responses.FetchResponse.newBuilder();
        if (response.frame != null) {
            b.setFrame(frame(response.frame));
        }
        if (response.rpcMetadata != null) {
            b.setMetadata(metadata(response.rpcMetadata));
        }
        return Wire.of(b.setMissingStatement(response.missingStatement).setMissingResults(response.missingResults)
            .build());
    }

    /** A result set, its signature written as the bytes the {@link SignatureCache} keeps. */
    Wire.Body resultSet(Service.ResultSetResponse response) {
        String connectionId = response.connectionId == null ? "" : response.connectionId;
        int statementId = response.statementId;
        boolean own = response.ownStatement;
        ByteString signature = response.signature == null ? null : signatures.bytes(response.signature);
        Common.Frame frame = response.firstFrame == null ? null : frame(response.firstFrame);
        long updateCount = response.updateCount;
        Responses.RpcMetadata metadata = metadata(response.rpcMetadata);
        int size = Wire.stringSize(1, connectionId)
            + Wire.uint32Size(2, statementId) + Wire.boolSize(3, own)
            + Wire.bytesSize(4, signature) + Wire.messageSize(5, frame)
            + (updateCount == 0 ? 0 : CodedOutputStream.computeUInt64Size(6, updateCount))
            + Wire.messageSize(7, metadata);
        return new Wire.Body(size) {
            @Override
            void writeTo(CodedOutputStream out) throws IOException {
                Wire.writeString(out, 1, connectionId);
                Wire.writeUInt32(out, 2, statementId);
                Wire.writeBool(out, 3, own);
                Wire.writeBytes(out, 4, signature);
                Wire.writeMessage(out, 5, frame);
                if (updateCount != 0) {
                    out.writeUInt64(6, updateCount);
                }
                Wire.writeMessage(out, 7, metadata);
            }
        };
    }

    private static Responses.RpcMetadata metadata(Service.RpcMetadataResponse metadata) {
        return metadata == null ? null
            : Responses.RpcMetadata.newBuilder().setServerAddress(metadata.serverAddress).build();
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
        // a UUID (CAST(event_id AS UUID)) as its text, which getObject(i, UUID.class) reads back: the protocol has no
        // UUID, and Avatica's own writing refused it (XX000)
        TypedValue.toProto(b, value instanceof UUID ? value.toString() : value);
        return b.build();
    }
}
