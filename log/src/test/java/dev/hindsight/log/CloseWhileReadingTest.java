package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the log while another thread reads it (a scan's worker, when its connection closes) waits for that read to
 * end before the queue is unmapped: the read finishes with intact events, and reads after the close are refused.
 */
class CloseWhileReadingTest {

    @TempDir
    Path dir;

    @Test
    void closeWaitsForAReadUnderWayAndRefusesLaterOnes() throws Exception {
        EventLog log = EventLog.open(LogConfig.at(dir));
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(NewEvent.of("x.y", "{\"i\":" + i + "}"));
        }
        log.append("s-1", "t", batch, ExpectedVersion.any());

        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong read = new AtomicLong();
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                log.visit(1, 500, e -> {
                    if (e.seq() == 1) {
                        reading.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    assertThat(e.data()).isEqualTo("{\"i\":" + (e.seq() - 1) + "}"); // the mapping is still there
                    read.incrementAndGet();
                    return true;
                });
            } catch (Throwable t) {
                readFailure.set(t);
            }
        });
        reader.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(log::close);
        closer.start();
        closer.join(300);
        assertThat(closer.isAlive()).as("close waits for the read under way").isTrue();

        release.countDown();
        reader.join(10_000);
        closer.join(10_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(readFailure.get()).isNull();
        assertThat(read.get()).isEqualTo(500);
        assertThatThrownBy(() -> log.visit(1, 1, e -> true)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
    }
}
