package dev.hindsight.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.log.EventView;
import dev.hindsight.log.Source;
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
    /**
     * For a document holding a number no {@code BigDecimal} holds ({@code 1e2147483648}: its exponent passes an int;
     * SQL's {@code INSERT} takes it): its fractions as doubles, as before, rather than a fold failed for good there.
     */
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

    /** Stored JSON as a tree, its numbers as written ({@link #JSON}), or as doubles where they cannot be. */
    static JsonNode tree(String text) throws JsonProcessingException {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException | NumberFormatException e) {
            return DOUBLES.readTree(text);
        }
    }
}
