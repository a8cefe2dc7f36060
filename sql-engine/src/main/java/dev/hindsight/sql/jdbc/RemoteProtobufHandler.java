package dev.hindsight.sql.jdbc;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's protobuf handler with Hindsight's errors ({@link RemoteErrors}): every failure becomes an error response
 * with the SQLState of its cause and no stack trace, status 500 as Avatica's client expects for an error; bytes that
 * are no request at all ({@link RequestTranslation}) get status 400 and a short sentence saying so.
 */
final class RemoteProtobufHandler extends ProtobufHandler {

    private final ProtobufTranslation translation;

    RemoteProtobufHandler(Service service, ProtobufTranslation translation) {
        super(service, translation, NoopMetricsSystem.getInstance());
        this.translation = translation;
    }

    @Override
    public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
        if (e instanceof RequestTranslation.NotARequestException) {
            // no error response: a client that sent no request reads none; RemoteJdbc.Reply says what this is
            return new HandlerResponse<>(RequestTranslation.NotARequestException.MESSAGE.getBytes(
                StandardCharsets.UTF_8), HttpURLConnection.HTTP_BAD_REQUEST);
        }
        try {
            return new HandlerResponse<>(translation.serializeResponse(RemoteErrors.toResponse(e)),
                HttpURLConnection.HTTP_INTERNAL_ERROR);
        } catch (IOException | RuntimeException serialization) {
            throw new IllegalStateException("cannot serialize the error response", serialization);
        }
    }
}
