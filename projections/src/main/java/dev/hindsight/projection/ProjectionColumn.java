package dev.hindsight.projection;

import java.util.Objects;

/**
 * A column of a projection's table.
 *
 * @param name  SQL name: letters, digits and _
 * @param type  its type
 * @param scale for a {@link ColumnType#DECIMAL}, the digits after the point SQL reads each value with (0 to 19, e.g.
 *              2 for money: {@code DECIMAL(38, 2)}), or {@link #ANY_SCALE} for 19; {@link #ANY_SCALE} for any other
 *              type
 */
public record ProjectionColumn(String name, ColumnType type, int scale) {

    /** No scale declared: a DECIMAL column is read as {@code DECIMAL(38, 19)}. */
    public static final int ANY_SCALE = -1;
    /** The most digits after the point a DECIMAL column declares. */
    public static final int MAX_SCALE = 19;

    public ProjectionColumn {
        Objects.requireNonNull(type, "type");
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad column name '" + name + "': letters, digits and _");
        }
        if (scale != ANY_SCALE && (type != ColumnType.DECIMAL || scale < 0 || scale > MAX_SCALE)) {
            throw new IllegalArgumentException("bad scale " + scale + " for column " + name + " (" + type
                + "): a DECIMAL column takes 0 to " + MAX_SCALE + " digits after the point, another none");
        }
    }

    /** A column of {@code type}, a DECIMAL one of any scale. */
    public ProjectionColumn(String name, ColumnType type) {
        this(name, type, ANY_SCALE);
    }

    public static ProjectionColumn of(String name, ColumnType type) {
        return new ProjectionColumn(name, type);
    }

    /** A DECIMAL column read with {@code scale} digits after the point ({@code DECIMAL(38, scale)}). */
    public static ProjectionColumn decimal(String name, int scale) {
        return new ProjectionColumn(name, ColumnType.DECIMAL, scale);
    }

    /** The digits after the point SQL reads a DECIMAL value of this column with: its scale, else {@link #MAX_SCALE}. */
    public int readScale() {
        return scale == ANY_SCALE ? MAX_SCALE : scale;
    }

    /** The record's text without a scale when none is declared: a Java fold's fingerprint, kept from before it. */
    @Override
    public String toString() {
        return "ProjectionColumn[name=" + name + ", type=" + type + (scale == ANY_SCALE ? "" : ", scale=" + scale)
            + "]";
    }
}
