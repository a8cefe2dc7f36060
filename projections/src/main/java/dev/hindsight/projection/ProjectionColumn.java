package dev.hindsight.projection;

import java.util.Objects;

/**
 * A column of a projection's table.
 *
 * @param name SQL name: letters, digits and _
 * @param type its type
 */
public record ProjectionColumn(String name, ColumnType type) {

    public ProjectionColumn {
        Objects.requireNonNull(type, "type");
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad column name '" + name + "': letters, digits and _");
        }
    }

    public static ProjectionColumn of(String name, ColumnType type) {
        return new ProjectionColumn(name, type);
    }
}
