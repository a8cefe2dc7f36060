package dev.hindsight.projection;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A test projection that double counting would show: per stream, how many events of the names it handles and the
 * sum of their {@code n}; optionally failing on an event whose data says {@code "boom": true}.
 */
class CountPerStream implements Projection<CountPerStream.Count> {

    record Count(long events, long sum) {
    }

    private final String name;
    private final Set<String> names;

    private final boolean fragile;

    CountPerStream(String name, Set<String> names) {
        this(name, names, true);
    }

    CountPerStream(String name, Set<String> names, boolean fragile) {
        this.name = name;
        this.names = names;
        this.fragile = fragile;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> eventNames() {
        return names;
    }

    @Override
    public Class<Count> stateType() {
        return Count.class;
    }

    @Override
    public Count initialState() {
        return new Count(0, 0);
    }

    @Override
    public Count apply(Count c, ProjectionEvent e) {
        if (fragile && e.json().path("boom").asBoolean(false)) {
            throw new IllegalStateException("boom in " + e.streamId());
        }
        return new Count(c.events() + 1, c.sum() + e.json().path("n").asLong(0));
    }

    @Override
    public Optional<String> partitionKey() {
        return Optional.of("$.streamId");
    }

    @Override
    public List<ProjectionColumn> columns() {
        return List.of(ProjectionColumn.of("stream_id", ColumnType.VARCHAR),
            ProjectionColumn.of("events", ColumnType.BIGINT), ProjectionColumn.of("total", ColumnType.BIGINT));
    }

    @Override
    public Object[] row(String streamId, Count c) {
        return new Object[] {streamId, c.events(), c.sum()};
    }

    @Override
    public Optional<StateCodec<Count>> codec() {
        return Optional.of(new StateCodec<>() {
            @Override
            public void write(Count c, DataOutput out) throws IOException {
                out.writeLong(c.events());
                out.writeLong(c.sum());
            }

            @Override
            public Count read(DataInput in) throws IOException {
                return new Count(in.readLong(), in.readLong());
            }
        });
    }
}
