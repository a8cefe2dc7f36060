package dev.hindsight.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Java {@link Projection} as a {@link Fold}: its partition (the value at its partition key path, as text) is the
 * group key; without a partition key there is one group, and one row even before any event.
 */
final class JavaFold<S> implements Fold {

    private static final String SINGLE = "";

    private final Projection<S> projection;
    private final PartitionPath path;

    /**
     * @throws IllegalArgumentException if its columns cannot be a table's: none (every {@code getPrimaryKeys} of the
     *     database failed, there being no column 0) or a name twice (every {@code SELECT *} of it failed, 42702)
     */
    JavaFold(Projection<S> projection) {
        this.projection = projection;
        this.path = projection.partitionKey().map(PartitionPath::parse).orElse(null);
        checkColumns();
    }

    private void checkColumns() {
        String of = "projection " + projection.name() + " (" + projection.getClass().getName() + ")";
        List<ProjectionColumn> columns = projection.columns();
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException(of + " declares no columns: a table has at least one");
        }
        Set<String> names = new HashSet<>();
        for (ProjectionColumn column : columns) {
            // SQL folds unquoted names, so n and N are one column to a query (42702, ambiguous)
            if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(of + " declares column " + column.name() + " twice (names are "
                    + "compared ignoring case, as SQL reads them)");
            }
        }
    }

    @Override
    public String name() {
        return projection.name();
    }

    @Override
    public String fingerprint() {
        // the events it handles too: a snapshot of a fold that saw fewer names is not this fold's state
        // java2: partitions of numbers are their JSON_VALUE text since 2026-12-07 (1.50 was 1.5, 1e2 100.0), and
        // fractions exact: an older snapshot's states, kept, split a partition in two
        // its version only past the first: snapshots of folds that declare none are used as before
        int version = projection.version();
        return "java2:" + projection.getClass().getName() + (version == 1 ? "" : "@" + version) + ":"
            + projection.columns() + ":"
            + projection.partitionKey().orElse("") + ":" + Integer.toHexString(new TreeSet<>(projection.eventNames())
            .hashCode()); // hashed: the fingerprint is written with writeUTF, at most 64 KiB
    }

    @Override
    public Set<String> eventNames() {
        return projection.eventNames();
    }

    @Override
    public void apply(ProjectionEvent event, Groups groups) {
        String key = path == null ? SINGLE : path.valueIn(event);
        if (key == null) {
            return; // no partition: the event does not belong to this projection
        }
        S state = projection.stateType().cast(groups.get(key));
        S next = projection.apply(state == null ? projection.initialState() : state, event);
        if (next != null && !projection.stateType().isInstance(next)) {
            // failed here, at the event that made it: kept, it failed every read and only the next event failed it
            throw new IllegalStateException("projection " + name() + " made a state of " + next.getClass().getName()
                + " where its state type is " + projection.stateType().getName());
        }
        groups.put(key, next);
    }

    @Override
    public Object[] row(Object key, Object state) {
        return checked(projection.row(path == null ? null : (String) key, projection.stateType().cast(state)));
    }

    @Override
    public Object[] emptyRow() {
        return path == null ? checked(projection.row(null, projection.initialState())) : null;
    }

    /**
     * {@code row}, if it has a value of its column's class (or null) for each column; else what is wrong, in SQL's
     * words (an answer names no Java class).
     */
    private Object[] checked(Object[] row) {
        List<ProjectionColumn> columns = projection.columns();
        if (row == null || row.length != columns.size()) {
            throw new ProjectionRowException("projection " + name() + " gave a row of " + (row == null ? "no"
                : row.length) + " values for its " + columns.size() + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            ColumnType type = columns.get(i).type();
            if (row[i] != null && !type.javaClass().isInstance(row[i])) {
                throw new ProjectionRowException("projection " + name() + " gave column " + columns.get(i).name()
                    + " (" + type + ", held as " + kind(type.javaClass()) + ") " + kind(row[i].getClass()));
            }
        }
        return row;
    }

    /** What a value of {@code c} is, in words. */
    private static String kind(Class<?> c) {
        if (c == Long.class) {
            return "a 64-bit integer";
        }
        if (c == Integer.class) {
            return "a 32-bit integer";
        }
        if (c == String.class) {
            return "text";
        }
        if (c == Double.class) {
            return "a double";
        }
        if (c == BigDecimal.class) {
            return "a decimal";
        }
        return c == Boolean.class ? "a boolean" : "a value of another kind";
    }

    @Override
    public List<ProjectionColumn> columns() {
        return projection.columns();
    }

    @Override
    public List<String> primaryKey() {
        return path == null ? List.of() : List.of(projection.columns().get(0).name());
    }

    @Override
    public Optional<StateCodec<Object>> codec() {
        return projection.codec().map(c -> new StateCodec<Object>() {
            @Override
            public void write(Object state, DataOutput out) throws IOException {
                c.write(projection.stateType().cast(state), out);
            }

            @Override
            public Object read(DataInput in) throws IOException {
                return c.read(in);
            }
        });
    }

    /** A partition key path: {@code $.data.a.b}, {@code $.metadata.a}, {@code $.streamId}, {@code $.entityType}. */
    record PartitionPath(String root, String pointer) {

        static PartitionPath parse(String path) {
            String p = path.trim();
            for (String root : List.of("data", "metadata")) {
                String prefix = "$." + root + ".";
                if (p.startsWith(prefix) && p.length() > prefix.length()) {
                    List<String> parts = new ArrayList<>(List.of(p.substring(prefix.length()).split("\\.", -1)));
                    if (parts.stream().noneMatch(String::isEmpty)) {
                        return new PartitionPath(root, "/" + String.join("/", parts));
                    }
                }
            }
            if (p.equals("$.streamId") || p.equals("$.entityType")) {
                return new PartitionPath(p.substring(2), null);
            }
            throw new IllegalArgumentException("bad partition key '" + path + "': expected $.data.<member>[.<member>…],"
                + " $.metadata.<member>…, $.streamId or $.entityType");
        }

        /** The partition of {@code event}, or {@code null} if it has no scalar value there. */
        String valueIn(ProjectionEvent event) {
            return switch (root) {
                case "streamId" -> event.streamId();
                case "entityType" -> event.entityType();
                case "data" -> scalar(event.json().at(pointer));
                default -> metadataValue(event.metadata());
            };
        }

        private String metadataValue(String metadata) {
            if (metadata == null) {
                return null;
            }
            try {
                // numbers as written, as data's: a partition of 0.1 is not one of 0.1000000000000000000001
                return scalar(EventCursor.tree(metadata).at(pointer));
            } catch (JsonProcessingException e) {
                return null; // stored metadata is a JSON object; this is unreachable in practice
            }
        }

        /** A scalar as SQL's {@code JSON_VALUE} gives it: a fraction in plain digits ({@code 1E+2} is 100). */
        private static String scalar(JsonNode node) {
            if (node.isBigDecimal()) {
                BigDecimal d = node.decimalValue();
                // the bound of sql-engine's JsonNumbers: past it, 1e9999 would be ten thousand digits of key
                return Math.abs(d.scale()) > 100 ? d.toString() : d.toPlainString();
            }
            return node.isValueNode() && !node.isNull() ? node.asText() : null;
        }
    }
}
