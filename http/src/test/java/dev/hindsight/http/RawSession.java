package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * A test's own running server and one raw HTTP/1.1 connection to it from the loopback address ({@link RawHttp}):
 * open it before each test, close it (the socket, then the server) after.
 */
final class RawSession implements AutoCloseable {

    private static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();

    final RunningServer running;
    final Socket socket;
    /** The connection's output: heads, bodies and chunks written with {@link RawHttp}, flushed by the test. */
    final OutputStream out;

    private RawSession(RunningServer running, Socket socket) throws IOException {
        this.running = running;
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** A connection to {@code running}, which the session closes with itself. */
    static RawSession to(RunningServer running) throws IOException {
        try {
            return new RawSession(running, RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port()));
        } catch (IOException | RuntimeException e) {
            running.close();
            throw e;
        }
    }

    /** The next answer on the connection. */
    RawHttp.Answer answer() throws IOException {
        return RawHttp.Answer.read(socket.getInputStream());
    }

    /**
     * {@code request} posted to {@code /jdbc} in Avatica's protobuf, in one piece with its length, and the server's
     * response to it (the answer must be 200).
     */
    Service.Response jdbc(Service.Request request) throws IOException {
        return jdbc(request, 200);
    }

    /** As {@link #jdbc(Service.Request)}, the answer's status {@code status} (500: an error response). */
    Service.Response jdbc(Service.Request request, int status) throws IOException {
        byte[] body = PROTOBUF.serializeRequest(request);
        out.write(RawHttp.head("POST", "/jdbc", "Content-Length: " + body.length));
        out.write(body);
        out.flush();
        RawHttp.Answer answer = answer();
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return PROTOBUF.parseResponse(answer.bytes());
    }

    /** Whether the server has closed the connection ({@link RawHttp#closedByServer}). */
    boolean closedByServer() throws IOException {
        return RawHttp.closedByServer(socket);
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            running.close();
        }
    }
}
