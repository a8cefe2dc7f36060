package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Jackson's complaints as users read them: its own phrases, none of its internals, each phrase apart. */
class JacksonWordsTest {

    @Test
    void twoPhrasesJacksonGluesAtTheEndOfTheInputAreSeparated() {
        String message = original("-");

        assertThat(message).as("Jackson's own").contains("end-of-inputNo digit");
        assertThat(JacksonWords.plain(message)).startsWith("Unexpected end-of-input: No digit following sign");
    }

    @Test
    void theSourceAndAFeaturesNameAreDropped() {
        String message = original("{\"a\": NaN}");

        assertThat(message).contains("`");
        assertThat(JacksonWords.plain(message)).startsWith("Non-standard token 'NaN'").doesNotContain("`");
    }

    private static String original(String json) {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            while (p.nextToken() != null) {
                p.getText(); // every token read whole
            }
            throw new AssertionError("parsed: " + json);
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
