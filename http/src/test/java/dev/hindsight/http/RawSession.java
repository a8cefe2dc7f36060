package dev.hindsight.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A test's own running server and one raw HTTP/1.1 connection to it from the loopback address ({@link RawHttp}):
 * open it before each test, close it (the socket, then the server) after.
 */
final class RawSession implements AutoCloseable {

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
