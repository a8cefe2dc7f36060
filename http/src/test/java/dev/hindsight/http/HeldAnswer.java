package dev.hindsight.http;

import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A request held in flight by a test: its handler says it has {@code entered}, and answers "done" once released. */
final class HeldAnswer {

    private HeldAnswer() {
    }

    /** On a worker: counts {@code entered} down, waits for {@code release} (30 s at most), answers "done". */
    static void answerWhenReleased(HttpServerExchange exchange, CountDownLatch entered, CountDownLatch release) {
        entered.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.getResponseSender().send("done");
    }
}
