package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.LogConfig;
import dev.hindsight.testkit.SmallTmpfs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk answers appends with {@code 507 storage_full}, writes nothing, and leaves the server reading (SPEC §1,
 * docs/http.md).
 *
 * <p>"Full" is the log's disk guard: it refuses an append that would leave less than {@code minFreeDiskBytes} free,
 * before anything is written. The server opens its log through {@code jdbc:hindsight:file:}, which runs with the log's
 * default threshold (neither the URL nor {@code ServerConfig} sets it), so the test mounts a tmpfs a few MiB larger
 * than that and appends over HTTP until the guard refuses. Needs root to mount; skipped otherwise.
 */
@Tag("slow")
class StorageFullTest {

    private static final long HEADROOM_BYTES = 8L << 20;

    @TempDir
    Path mountPoint;
    SmallTmpfs tmpfs;
    RunningServer running;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        long threshold = LogConfig.at(mountPoint).minFreeDiskBytes(); // what jdbc:hindsight:file: logs run with
        tmpfs = SmallTmpfs.mount(mountPoint, threshold + HEADROOM_BYTES, "StorageFullTest");
        running = RunningServer.start(mountPoint.resolve("log"));
    }

    @AfterEach
    void unmount() throws Exception {
        try {
            if (running != null) {
                running.close(); // closes the log, so nothing on the tmpfs stays open
            }
        } finally {
            if (tmpfs != null) {
                tmpfs.unmount();
            }
        }
    }

    @Test
    void an_append_that_would_fill_the_disk_is_refused_with_507_writing_nothing_and_the_server_still_reads() {
        int acceptedBatches = 0;
        Client.Answer refusal = null;
        String pad = "p".repeat(16_000);
        String batch = batchOfTwenty(pad);
        for (int i = 0; i < 1_000 && refusal == null; i++) {
            Client.Answer answer = running.client.post("/v1/streams/filler-" + i % 7 + "/events", batch);
            if (answer.status() == 201) {
                acceptedBatches++;
            } else {
                refusal = answer;
            }
        }
        long head = running.server.context().log().headSeq();

        Client.Answer again = running.client.post("/v1/streams/order-1/events", batch);
        Client.Answer insert = running.client.post("/v1/sql", "{\"sql\":\"INSERT INTO events (stream_id, entity_type, "
            + "name, data) VALUES (?, ?, ?, ?)\",\"params\":[\"order-1\",\"order\",\"order.placed\","
            + "\"{\\\"pad\\\":\\\"" + pad.repeat(20) + "\\\"}\"]}");
        Client.Answer stream = running.client.get("/v1/streams/order-1");
        Client.Answer last = running.client.get("/v1/events?fromSeq=" + head + "&limit=10");

        assertThat(refusal).as("the disk filled up").isNotNull();
        assertThat(refusal.status()).as(refusal.body()).isEqualTo(507);
        assertThat(refusal.code()).isEqualTo("storage_full");
        assertThat(refusal.json().get("error").asText()).contains("storage full");
        assertThat(acceptedBatches).as("appends before the disk filled").isGreaterThan(10);
        assertThat(head).isEqualTo(acceptedBatches * 20L);
        assertThat(again.status()).as(again.body()).isEqualTo(507);
        assertThat(insert.status()).as(insert.body()).isEqualTo(507);
        assertThat(insert.code()).isEqualTo("storage_full");
        assertThat(running.server.context().log().headSeq()).isEqualTo(head);
        assertThat(stream.status()).isEqualTo(404);
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json()).hasSize(1);
        assertThat(last.json().get(0).get("seq").asLong()).isEqualTo(head);
    }

    /** Twenty events with {@code pad} in their data: with 16 KB pads 320 KB a request, under the 2 MiB body limit. */
    private static String batchOfTwenty(String pad) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add("{\"entityType\":\"filler\",\"name\":\"filler.added\",\"data\":{\"i\":" + i + ",\"pad\":\"" + pad
                + "\"}}");
        }
        return "[" + String.join(",", events) + "]";
    }
}
