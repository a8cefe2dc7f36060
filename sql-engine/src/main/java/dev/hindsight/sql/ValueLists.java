package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Long lists of values planned as one table read when the statement runs ({@link BoundValues}): a {@link Program} step
 * run before the statement's optimisation ({@link HindsightPreparingStmt#getProgram}). Calcite turns an {@code IN}
 * list of 20 values or more (and a {@code VALUES} clause) into a table: of literals alone, a {@code Values} node whose
 * every value is compiled into the statement's code; holding a {@code ?}, a union of one-row queries, one per row.
 *
 * <pre>
 *   seq IN (?, ?, 7, …)                                     seq IN (
 *   Union(all)                                                BoundValues [[?0], [?1], [7], …])
 *     Project(?0)      Values({0})
 *     Project(?1)      Values({0})          becomes
 *     Values({7})
 *     …
 * </pre>
 *
 * <p>That union made an ORM's {@code WHERE id IN (?, ?, …)} cost seconds of planning and compiling at a few hundred
 * parameters and fail at 1,500; the compiled values failed at 8,000 literals (Java bounds a method's code). A table
 * of fewer rows, or with any value that is neither a literal nor a parameter of the column's own type (an
 * expression, a cast, a column of the outer query), or of a column type not listed in {@link #classOf}, is left to
 * Calcite as it was; a column's {@code IN} list has its expressions split out before ({@link LongInLists}).
 */
final class ValueLists implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new ValueLists();
    /** Fewer rows than this are left to Calcite: cheap to plan, and its plan folds constants. */
    static final int ROWS = LiftedStatement.LONG_LIST;

    private ValueLists() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        return rel.accept(new EveryNode(ValueLists::bound));
    }

    /** {@code node} as a {@link BoundValues} if it is a long table of literals and parameters, else itself. */
    private static RelNode bound(RelNode node) {
        List<List<? extends RexNode>> rows = new ArrayList<>();
        if (!rowsOf(node, rows) || rows.size() < ROWS) {
            return node;
        }
        RelDataType rowType = node.getRowType();
        int width = rowType.getFieldCount();
        RelDataType[] types = new RelDataType[width];
        Class<?>[] classes = new Class<?>[width];
        int[] scales = new int[width];
        for (int c = 0; c < width; c++) {
            types[c] = rowType.getFieldList().get(c).getType();
            classes[c] = classOf(types[c]);
            scales[c] = types[c].getScale();
            if (classes[c] == null) {
                return node;
            }
        }
        Object[] values = new Object[rows.size() * width];
        int[] parameters = new int[values.length];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < width; c++) {
                int i = r * width + c;
                RexNode cell = rows.get(r).get(c);
                parameters[i] = -1;
                if (cell instanceof RexLiteral literal) {
                    values[i] = valueOf(literal, classes[c]);
                } else if (cell instanceof RexDynamicParam parameter && sameType(parameter.getType(), types[c])) {
                    parameters[i] = parameter.getIndex();
                } else {
                    return node;
                }
            }
        }
        return new BoundValues(node.getCluster(), rowType, new ValueRows(classes, scales, values, parameters));
    }

    /**
     * Adds the rows of {@code node} to {@code rows} if it is a table of values as Calcite writes one: {@code Values},
     * one-row projections of a one-row {@code Values}, or a {@code UNION ALL} of those; false if it is not.
     */
    private static boolean rowsOf(RelNode node, List<List<? extends RexNode>> rows) {
        if (node instanceof LogicalValues values) {
            rows.addAll(values.getTuples());
            return true;
        }
        if (node instanceof LogicalProject project && project.getInput() instanceof LogicalValues one
            && one.getTuples().size() == 1) {
            rows.add(project.getProjects());
            return true;
        }
        if (node instanceof LogicalUnion union && union.all) {
            for (RelNode input : union.getInputs()) {
                if (!rowsOf(input, rows)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The class Calcite's generated code keeps a value of {@code type} in; {@code null} for a type not handled. */
    static @Nullable Class<?> classOf(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case BIGINT, TIMESTAMP -> Long.class;
            case INTEGER, DATE -> Integer.class;
            case SMALLINT -> Short.class;
            case TINYINT -> Byte.class;
            case DECIMAL -> BigDecimal.class;
            case DOUBLE, FLOAT -> Double.class;
            case REAL -> Float.class;
            case CHAR, VARCHAR -> String.class;
            case BOOLEAN -> Boolean.class;
            default -> null;
        };
    }

    private static @Nullable Object valueOf(RexLiteral literal, Class<?> type) {
        if (literal.isNull()) {
            return null;
        }
        if ((type == Double.class || type == Float.class)
            && SqlTypeName.APPROX_TYPES.contains(literal.getTypeName())) {
            // a double's NaN and infinities have no BigDecimal: a list of 20 or more holding one failed with 22018
            Double value = literal.getValueAs(Double.class);
            return type == Float.class && value != null ? (Object) value.floatValue() : value;
        }
        if (Number.class.isAssignableFrom(type) && SqlTypeName.NUMERIC_TYPES.contains(literal.getTypeName())) {
            return ValueRows.fit(literal.getValueAs(BigDecimal.class), type);
        }
        return literal.getValueAs(type);
    }

    /**
     * Whether a parameter of {@code parameter}'s type is read as a value of the column's {@code type} with no cast: the
     * same type name, and for {@code DECIMAL} (whose values a cast rounds) the same scale. Never for
     * {@code CHAR}: Calcite pads a {@code CHAR} parameter's text to its length when it reads it, which the table's
     * rows would not.
     */
    private static boolean sameType(RelDataType parameter, RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        if (parameter.getSqlTypeName() != name || name == SqlTypeName.CHAR) {
            return false;
        }
        return name != SqlTypeName.DECIMAL || parameter.getScale() == type.getScale();
    }
}
