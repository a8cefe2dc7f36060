package dev.hindsight.http.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SseSettingsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(SseSettings.defaults())
            .isEqualTo(new SseSettings(1024, 4L * 1024 * 1024, 5_000, 15_000, 5_000, 256));
    }

    @Test
    void aBadSettingIsRefusedWithItsNameAndValue() {
        assertThatThrownBy(() -> SseSettings.defaults().withMaxBufferedEvents(0))
            .hasMessage("maxBufferedEvents must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> SseSettings.defaults().withHeartbeatMillis(0))
            .hasMessage("heartbeatMillis must be >= 1, was 0");
        assertThatThrownBy(() -> SseSettings.defaults().withStallMillis(-1))
            .hasMessage("stallMillis must be >= 0, was -1");
    }
}
