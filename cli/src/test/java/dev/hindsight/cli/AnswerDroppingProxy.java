package dev.hindsight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a server that hands each request on and, for the first {@code dropped} connections, throws
 * the server's answer away, closing the client's link once the answer has begun: the request ran, the client never
 * learns so. What a proxy, a load balancer or a network cut does to a client between its request and the answer.
 */
final class AnswerDroppingProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final int serverPort;
    private final AtomicInteger dropped;
    private final AtomicInteger answersDropped = new AtomicInteger();

    AnswerDroppingProxy(int serverPort, int dropped) throws IOException {
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.serverPort = serverPort;
        this.dropped = new AtomicInteger(dropped);
        Thread accepting = new Thread(this::accept, "proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    /** Answers thrown away so far. */
    int answersDropped() {
        return answersDropped.get();
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                boolean drop = dropped.getAndDecrement() > 0;
                relay(client.getInputStream(), server.getOutputStream(), server, "proxy-request");
                if (drop) {
                    Thread t = new Thread(() -> dropAnswer(client, server), "proxy-drop");
                    t.setDaemon(true);
                    t.start();
                } else {
                    relay(server.getInputStream(), client.getOutputStream(), client, "proxy-answer");
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void dropAnswer(Socket client, Socket server) {
        try (client; server) {
            if (server.getInputStream().read() >= 0) { // the answer has begun: the request ran
                answersDropped.incrementAndGet();
            }
        } catch (IOException e) {
            // the link went: nothing to drop
        }
    }

    private static void relay(InputStream from, OutputStream to, Socket toSocket, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
                toSocket.shutdownOutput();
            } catch (IOException e) {
                // one side went: the other goes with it
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }
}
