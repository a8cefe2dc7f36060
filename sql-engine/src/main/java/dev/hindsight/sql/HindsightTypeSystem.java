package dev.hindsight.sql;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/**
 * Calcite's type system with one PostgreSQL habit: string literals of different lengths meeting in a {@code CASE},
 * {@code COALESCE} or {@code UNION} give a VARCHAR, not a CHAR padded to the longest
 * ({@code CASE … THEN 'bbb' ELSE 'a' END || '|'} is {@code a|}, not {@code a  |}). Public for Calcite's
 * {@code typeSystem} connection property.
 */
public final class HindsightTypeSystem extends RelDataTypeSystemImpl {

    /** The instance the connection property names. */
    public static final HindsightTypeSystem INSTANCE = new HindsightTypeSystem();

    private HindsightTypeSystem() {
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
