package dev.hindsight.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.hindsight.http.json.JsonLimits;
import dev.hindsight.log.DuplicateKeys;
import dev.hindsight.log.JacksonWords;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The text of a JSON option ({@code --data}, {@code --metadata}), checked before anything is opened, written or sent,
 * as the HTTP API checks a body: one JSON object, nothing after it, each key once in each object at any depth
 * ({@link DuplicateKeys}, in the API's words). Refused with exit 2, naming the option; the text goes on as given.
 */
final class JsonOption {

    /** The log's limits of an event's JSON ({@link JsonLimits}), said before anything is opened or sent. */
    private static final JsonFactory STRICT = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonLimits.MAX_DEPTH)
            .maxNumberLength(JsonLimits.MAX_NUMBER_DIGITS).maxNameLength(JsonLimits.MAX_KEY_CHARS).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private JsonOption() {
    }

    /** Refuses (exit 2) {@code json}, the value of {@code option}, unless it is one JSON object, each key once. */
    static void requireObject(String option, String json) {
        try (JsonParser p = STRICT.createParser(json)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw CommandFailure.usage(option + " must be a JSON object, was: " + json);
                }
                p.skipChildren();
                if (p.nextToken() != null) {
                    throw CommandFailure.usage(option + " must be one JSON object, with nothing after it: " + json);
                }
            } catch (StreamConstraintsException e) {
                // no location of its own (reading it was a NullPointerException's message), Jackson's classes named
                throw CommandFailure.usage(option + JsonLimits.over(e) + " at column "
                    + p.currentLocation().getColumnNr());
            } catch (JsonProcessingException e) {
                String duplicate = DuplicateKeys.refusal(e, p,
                    " at column " + e.getLocation().getColumnNr());
                throw CommandFailure.usage(option + (duplicate != null ? ": " + duplicate
                    : " is not a valid JSON object (" + JacksonWords.plain(String.valueOf(e.getOriginalMessage()))
                        + " at column " + e.getLocation().getColumnNr() + "): " + json));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String cannot fail to read
        }
    }
}
