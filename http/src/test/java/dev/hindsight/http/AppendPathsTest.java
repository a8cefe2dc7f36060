package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.log.Durability;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An append answers the same whichever thread answers it: on the I/O thread that read it (the default durability,
 * no {@code Idempotency-Key}) or on a worker ({@code fsync} durability, or with a key). Each case runs both ways.
 */
class AppendPathsTest {

    private static final String EVENT =
        "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{\"total\":10.50}}";

    /** The two ways to a worker and the one to the I/O thread. */
    enum Way {
        IO_THREAD(Durability.PROCESS, false),
        FSYNC_WORKER(Durability.FSYNC, false),
        KEYED_WORKER(Durability.PROCESS, true);

        final Durability durability;
        final boolean keyed;

        Way(Durability durability, boolean keyed) {
            this.durability = durability;
            this.keyed = keyed;
        }
    }

    @TempDir
    Path dir;

    private int keys;

    @ParameterizedTest
    @EnumSource(Way.class)
    void an_append_is_answered_201_with_its_seq_version_and_id_and_its_data_kept_exactly(Way way) throws Exception {
        try (RunningServer running = RunningServer.start(dir, b -> b.durability(way.durability))) {
            Client.Answer first = post(running, way, EVENT);
            Client.Answer second = post(running, way, EVENT.replace("}}", "},\"expectedVersion\":1}"));

            assertThat(first.status()).isEqualTo(201);
            assertThat(second.status()).isEqualTo(201);
            JsonNode appended = second.json().get(0);
            assertThat(appended.get("seq").asLong()).isEqualTo(2);
            assertThat(appended.get("version").asLong()).isEqualTo(2);
            assertThat(appended.get("eventId").asText()).hasSize(36);
            assertThat(running.server.context().log().readAll(1, 1, null).get(0).data())
                .isEqualTo("{\"total\":10.50}");
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void bad_requests_are_refused_with_their_status_and_write_nothing(Way way) throws Exception {
        try (RunningServer running = RunningServer.start(dir, b -> b.durability(way.durability).maxBodyBytes(1024))) {
            post(running, way, EVENT);

            Client.Answer conflict = post(running, way, EVENT.replace("}}", "},\"expectedVersion\":7}"));
            Client.Answer notJson = post(running, way, "{\"entityType\":");
            Client.Answer empty = post(running, way, "");
            Client.Answer tooLarge = post(running, way, EVENT.replace("10.50", "\"" + "x".repeat(2_000) + "\""));
            Client.Answer wrongType = running.client.post("/v1/streams/order-1/events", EVENT,
                headers(way, "Content-Type", "text/plain"));

            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.json().get("actualVersion").asLong()).isEqualTo(1);
            assertThat(notJson.status()).isEqualTo(400);
            assertThat(notJson.json().get("error").asText()).contains("not valid JSON");
            assertThat(empty.status()).isEqualTo(400);
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.code()).isEqualTo("payload_too_large");
            assertThat(wrongType.status()).isEqualTo(415);
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void numbers_are_stored_as_spelled_so_an_event_within_the_limit_as_sent_is_taken(Way way) throws Exception {
        // a decimal wrote itself back in its own form: 1e2 as 1E+2, 0.0000001 as 1E-7, -0.0 as 0.0; and the limit of
        // an event's bytes, checked on what is stored, refused 900 KB of 1e2s (1.1 MB as 1E+2s), which SQL took
        String spelled = "{\"a\":1e2,\"b\":0.0000001,\"c\":-0.0,\"d\":10.50,\"e\":1.5E-3,\"f\":100e-2,\"g\":0E-8}";
        String many = "{\"a\":[" + "1e2,".repeat(225_000) + "1e2]}";
        try (RunningServer running = RunningServer.start(dir, b -> b.durability(way.durability))) {
            Client.Answer kept = post(running, way, EVENT.replace("{\"total\":10.50}", spelled.replace(":", ": ")));
            Client.Answer large = post(running, way, EVENT.replace("{\"total\":10.50}", many));

            assertThat(kept.status()).as(kept.body()).isEqualTo(201);
            assertThat(large.status()).as(large.body()).isEqualTo(201);
            assertThat(running.server.context().log().readAll(1, 2, null)).extracting(e -> e.data())
                .containsExactly(spelled, many);
        }
    }

    private Client.Answer post(RunningServer running, Way way, String body) {
        return running.client.post("/v1/streams/order-1/events", body, headers(way));
    }

    private String[] headers(Way way, String... more) {
        if (!way.keyed) {
            return more;
        }
        String[] all = new String[more.length + 2];
        all[0] = "Idempotency-Key";
        all[1] = "key-" + keys++;
        System.arraycopy(more, 0, all, 2, more.length);
        return all;
    }
}
