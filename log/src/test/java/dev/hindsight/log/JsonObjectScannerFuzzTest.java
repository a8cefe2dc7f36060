package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON check of an append's {@code data} on arbitrary input: {@link JsonObjectScanner#isObject} never throws,
 * even on malformed UTF-8; on the UTF-8 of a Java string (what appends hand it) it accepts exactly what Jackson reads
 * as one object and nothing after it; and {@link EventValidator} accepts such data or refuses it with an
 * {@link InvalidEventException} naming the {@code data} field, nothing else.
 *
 * <p>Plain test runs replay the seeds under {@code JsonObjectScannerFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class JsonObjectScannerFuzzTest {

    private static final EventValidator VALIDATOR = new EventValidator(1 << 20);
    private static final byte[] STREAM = "order-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE = "order".getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "30s")
    void theScannerAgreesWithJackson(byte[] bytes) {
        JsonObjectScanner.isObject(bytes); // malformed UTF-8 too: no exception
        String text = new String(bytes, StandardCharsets.UTF_8);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonObjectScanner.isObject(utf8)).as("scanner on %s", text)
            .isEqualTo(JsonObjectScannerTest.jacksonAccepts(text));
    }

    @FuzzTest(maxDuration = "30s")
    void theValidatorAcceptsDataOrRefusesItAsInvalid(byte[] bytes) {
        String data = new String(bytes, StandardCharsets.UTF_8);
        List<NewEvent> events = List.of(NewEvent.of("placed", data));
        if (JsonObjectScanner.isObject(data.getBytes(StandardCharsets.UTF_8))) {
            assertThat(VALIDATOR.prepare(STREAM, TYPE, events, 0)).hasSize(1);
        } else {
            assertThatThrownBy(() -> VALIDATOR.prepare(STREAM, TYPE, events, 0))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("data"));
        }
    }
}
