package dev.hindsight.projection;

import java.util.List;
import java.util.Set;

/**
 * A projection as one whose jar lacks a class it needs: its name is asked for first, and that throws the
 * {@link NoClassDefFoundError} the JVM would. Listed in a services file by {@link ServiceLoaderTest}.
 */
public final class MissingDependencyProjection implements Projection<Object> {

    @Override
    public String name() {
        throw new NoClassDefFoundError("com/example/Gone");
    }

    @Override
    public Set<String> eventNames() {
        return Set.of();
    }

    @Override
    public Class<Object> stateType() {
        return Object.class;
    }

    @Override
    public Object initialState() {
        return "";
    }

    @Override
    public Object apply(Object state, ProjectionEvent event) {
        return state;
    }

    @Override
    public List<ProjectionColumn> columns() {
        return List.of(ProjectionColumn.of("n", ColumnType.BIGINT));
    }

    @Override
    public Object[] row(String partition, Object state) {
        return new Object[] {0L};
    }
}
