package dev.hindsight.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.auth.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void a_non_loopback_bind_without_keys_is_refused_with_the_reason() {
        assertThatThrownBy(() -> ServerConfig.builder(Path.of("data")).bindAddress("0.0.0.0").build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("0.0.0.0")
            .hasMessageContaining("loopback")
            .hasMessageContaining("--keys");
    }

    @Test
    void a_non_loopback_bind_with_keys_is_accepted() {
        ServerConfig config = ServerConfig.builder(Path.of("data")).bindAddress("0.0.0.0")
            .apiKeys(ApiKeys.of(List.of("k"), List.of(Role.READ))).build();

        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void the_defaults_are_the_documented_ones() {
        ServerConfig config = ServerConfig.builder(Path.of("data")).build();

        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(config.idempotencyRetention()).isEqualTo(Duration.ofHours(24));
        assertThat(config.statementTimeout()).as("no limit").isEqualTo(Duration.ZERO);
    }

    @Test
    void a_knob_out_of_range_is_refused_naming_it_and_its_value() {
        assertThatThrownBy(() -> ServerConfig.builder(Path.of("data")).port(70_000).build())
            .hasMessageContaining("port").hasMessageContaining("70000");
        assertThatThrownBy(() -> ServerConfig.builder(Path.of("data")).maxBodyBytes(0).build())
            .hasMessageContaining("maxBodyBytes").hasMessageContaining("0");
        assertThatThrownBy(() -> ServerConfig.builder(Path.of("data")).idleTimeout(Duration.ZERO).build())
            .hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> ServerConfig.builder(Path.of("data")).statementTimeout(Duration.ofMillis(-1)).build())
            .hasMessageContaining("statementTimeout").hasMessageContaining("-0.001");
    }
}
