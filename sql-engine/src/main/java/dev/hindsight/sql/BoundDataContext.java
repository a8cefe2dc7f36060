package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An execution's context with the values of a cached shape's parameters ({@code "?0"}, {@code "?1"}, … as Calcite's
 * generated code reads them), in the local form Calcite gives a JDBC client's bound values ({@code TypedValue.toLocal};
 * {@link LiftedStatement} makes them so).
 */
final class BoundDataContext implements DataContext {

    private final DataContext execution;
    private final Object[] values;

    BoundDataContext(DataContext execution, List<Object> values) {
        this.execution = execution;
        this.values = values.toArray();
    }

    @Override
    public @Nullable Object get(String name) {
        if (name.length() > 1 && name.charAt(0) == '?') {
            int index = Integer.parseInt(name, 1, name.length(), 10);
            if (index < values.length) {
                return values[index];
            }
        }
        return execution.get(name);
    }

    @Override
    public @Nullable SchemaPlus getRootSchema() {
        return execution.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return execution.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
        return execution.getQueryProvider();
    }
}
