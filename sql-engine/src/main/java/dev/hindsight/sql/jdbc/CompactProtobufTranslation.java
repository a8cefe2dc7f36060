package dev.hindsight.sql.jdbc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Common.WireMessage;
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
 * read's time went (JFR, docs/benchmarks.md). Everything else, and every request, is Avatica's own.
 *
 * <pre>
 *   WireMessage { name: the message's class name, wrapped_message: the message }
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
        return WireMessage.newBuilder().setNameBytes(NAMES.get(message.getClass()))
            .setWrappedMessage(message.toByteString()).build().toByteArray();
    }

    private static Responses.ExecuteResponse execute(Service.ExecuteResponse response) {
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

    private static Responses.ResultSetResponse resultSet(Service.ResultSetResponse response) {
        Responses.ResultSetResponse.Builder b = Responses.ResultSetResponse.newBuilder()
            .setStatementId(response.statementId).setOwnStatement(response.ownStatement)
            .setUpdateCount(response.updateCount);
        if (response.connectionId != null) {
            b.setConnectionId(response.connectionId);
        }
        if (response.signature != null) {
            b.setSignature(response.signature.toProto());
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
