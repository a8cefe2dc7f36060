package dev.hindsight.projection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.log.EventView;
import dev.hindsight.log.Source;
import java.io.IOException;
import java.util.UUID;

/**
 * The {@link ProjectionEvent} a runner hands to its fold, reused for every event: it reads each field of the stored
 * event only when asked ({@link EventView} decodes lazily), and upcasts {@code data} only for events an upcaster
 * applies to, parsing the JSON at most once.
 */
final class EventCursor implements ProjectionEvent {

    /**
     * Numbers as written: a fraction a {@code BigDecimal} with its digits and scale, never a double. A double rounded
     * every number of an upcast event's data (a SQL projection's {@code SUM} of 1234567890123456.78 gave .80) and of
     * every {@link #json()} a Java fold read; and made {@code 1e400} the text {@code Infinity}.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
    /** The last resort of {@link #tree}: a document Jackson reads no other way, its fractions as doubles. */
    private static final ObjectMapper DOUBLES = new ObjectMapper();

    private final UpcasterChain upcasters;
    private EventView view;
    private String name;
    private String data;
    private ObjectNode json;
    private int schemaVersion;
    private boolean upcastDone;
    private boolean upcast;

    EventCursor(UpcasterChain upcasters) {
        this.upcasters = upcasters;
    }

    EventCursor reset(EventView event) {
        this.view = event;
        this.name = null;
        this.data = null;
        this.json = null;
        this.upcastDone = false;
        this.upcast = false;
        return this;
    }

    @Override
    public long seq() {
        return view.seq();
    }

    @Override
    public String streamId() {
        return view.streamId();
    }

    @Override
    public String entityType() {
        return view.entityType();
    }

    @Override
    public long version() {
        return view.version();
    }

    @Override
    public String name() {
        if (name == null) {
            name = view.name();
        }
        return name;
    }

    @Override
    public int schemaVersion() {
        upcast();
        return schemaVersion;
    }

    @Override
    public UUID eventId() {
        return view.eventId();
    }

    @Override
    public long ts() {
        return view.ts();
    }

    @Override
    public Source source() {
        return view.source();
    }

    @Override
    public String data() {
        upcast();
        if (data == null) {
            data = upcast ? json.toString() : view.data();
        }
        return data;
    }

    @Override
    public boolean dataUtf8(EventView.Utf8Sink sink) {
        upcast();
        if (upcast) {
            return false;
        }
        view.dataUtf8(sink);
        return true;
    }

    @Override
    public ObjectNode json() {
        upcast();
        if (json == null) {
            json = parse(data());
        }
        return json;
    }

    @Override
    public String metadata() {
        return view.metadata();
    }

    private void upcast() {
        if (upcastDone) {
            return;
        }
        upcastDone = true;
        schemaVersion = view.schemaVersion();
        if (upcasters.isEmpty() || !upcasters.applies(name(), schemaVersion)) {
            return;
        }
        ObjectNode[] tree = {parse(view.data())};
        schemaVersion = upcasters.upcast(name(), schemaVersion, tree);
        json = tree[0];
        upcast = true; // data is rendered from the upcast tree on demand
    }

    private static ObjectNode parse(String text) {
        try {
            return (ObjectNode) tree(text); // the log admits JSON objects only
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored data is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Stored JSON as a tree, its numbers as written ({@link #JSON}); a fraction no {@code BigDecimal} holds
     * ({@code 1e2147483648}: its scale passes an int; SQL's {@code INSERT} takes it) is a double, that number alone
     * (as a whole document of doubles, {@code 1.50} beside it was {@code 1.5}, another partition; read exactly, the
     * fold failed for good there).
     */
    static JsonNode tree(String text) throws JsonProcessingException {
        try (JsonParser parser = new DoubleWhereNoDecimal(JSON.createParser(text))) {
            return JSON.readTree(parser);
        } catch (JsonProcessingException | NumberFormatException e) {
            return DOUBLES.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON could not be read: " + e.getMessage(), e);
        }
    }

    /** A parser that says a fraction no {@code BigDecimal} holds is not a number, which the tree takes as a double. */
    private static final class DoubleWhereNoDecimal extends JsonParserDelegate {

        DoubleWhereNoDecimal(JsonParser parser) {
            super(parser);
        }

        @Override
        public boolean isNaN() throws IOException {
            return super.isNaN() || (currentToken() == JsonToken.VALUE_NUMBER_FLOAT && scaleOverflows(getText()));
        }

        /** Whether the number's exponent, or its scale (its fraction's digits less the exponent), passes an int. */
        static boolean scaleOverflows(String number) {
            int e = Math.max(number.indexOf('e'), number.indexOf('E'));
            if (e < 0) {
                return false;
            }
            String exponent = number.substring(number.charAt(e + 1) == '+' ? e + 2 : e + 1);
            if (exponent.length() > 18) {
                return true;
            }
            long power = Long.parseLong(exponent); // BigDecimal reads the exponent as an int
            int dot = number.indexOf('.');
            long scale = (dot < 0 ? 0 : e - dot - 1) - power;
            return power != (int) power || scale != (int) scale;
        }
    }
}
