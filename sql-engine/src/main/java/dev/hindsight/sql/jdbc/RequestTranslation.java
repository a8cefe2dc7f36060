package dev.hindsight.sql.jdbc;

import java.io.IOException;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.Service;

/**
 * A translation that tells bytes which are not an Avatica request apart from a request that failed: whatever parsing
 * the request throws becomes a {@link NotARequestException}, which {@link RemoteProtobufHandler} answers as a bad
 * request of its own, not as a protocol error naming the parser's exception. Everything else is {@code delegate}'s.
 */
final class RequestTranslation implements ProtobufTranslation {

    private final ProtobufTranslation delegate;

    RequestTranslation(ProtobufTranslation delegate) {
        this.delegate = delegate;
    }

    @Override
    public Service.Request parseRequest(byte[] bytes) throws IOException {
        try {
            return delegate.parseRequest(bytes);
        } catch (IOException | RuntimeException e) {
            // protobuf's messages name its classes (InvalidProtocolBufferException) and say nothing a client can act on
            throw new NotARequestException(e);
        }
    }

    @Override
    public byte[] serializeResponse(Service.Response response) throws IOException {
        return delegate.serializeResponse(response);
    }

    @Override
    public byte[] serializeRequest(Service.Request request) throws IOException {
        return delegate.serializeRequest(request);
    }

    @Override
    public Service.Response parseResponse(byte[] bytes) throws IOException {
        return delegate.parseResponse(bytes);
    }

    /** Bytes that do not parse as an Avatica protobuf request; the parser's failure is the cause, for the log. */
    static final class NotARequestException extends IOException {

        private static final long serialVersionUID = 1L;

        /** What the client is told: the same short sentence whatever the parser said. */
        static final String MESSAGE = "the body is not an Avatica protobuf request: /jdbc takes the remote JDBC "
            + "protocol of jdbc:hindsight://host:port clients";

        NotARequestException(Throwable cause) {
            super(MESSAGE, cause);
        }
    }
}
