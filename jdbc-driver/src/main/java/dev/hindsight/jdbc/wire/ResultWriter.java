package dev.hindsight.jdbc.wire;

import java.util.Arrays;
import java.util.List;
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
 * docs/benchmarks.md). A signature that came through the {@link SignatureCache} is written from its own message.
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

    Responses.ExecuteResponse execute(Service.ExecuteResponse response) {
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

    Responses.FetchResponse fetch(Service.FetchResponse response) {
        Responses.FetchResponse.Builder b = Responses.FetchResponse.newBuilder();
        if (response.frame != null) {
            b.setFrame(frame(response.frame));
        }
        if (response.rpcMetadata != null) {
            b.setMetadata(metadata(response.rpcMetadata));
        }
        return b.setMissingStatement(response.missingStatement).setMissingResults(response.missingResults).build();
    }

    Responses.ResultSetResponse resultSet(Service.ResultSetResponse response) {
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
