package dev.hindsight.sql;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Where each column of a {@link LogTableScan} lands when the scan is narrowed to the columns its parent uses, for the
 * rules that narrow one ({@link LogTableProjectScanRule}, {@link LogTableAggregateScanRule}). A narrowing is an array
 * {@code newPosition}: indexed by a column of the full scan, the column's position in the narrow one, -1 if dropped.
 */
final class ColumnNarrowing {

    private ColumnNarrowing() {
    }

    /**
     * For a scan whose parent uses the columns {@code used}: each column's position in a scan of only those, -1 for
     * the others; {@code null} if all are used. No column used (COUNT(*)) keeps column 0, the cheapest to read.
     */
    static int[] of(LogTableScan scan, ImmutableBitSet used) {
        int width = scan.getRowType().getFieldCount();
        if (used.cardinality() == width) {
            return null;
        }
        int[] columns = used.isEmpty() ? new int[] {0} : used.toArray();
        int[] newPosition = new int[width];
        Arrays.fill(newPosition, -1);
        for (int i = 0; i < columns.length; i++) {
            newPosition[columns[i]] = i;
        }
        return newPosition;
    }

    /** The columns kept by the narrowing {@code newPosition}, in order. */
    static int[] columnsOf(int[] newPosition) {
        return IntStream.range(0, newPosition.length).filter(i -> newPosition[i] >= 0).toArray();
    }

    /** {@code columns} of the full scan as positions in the narrow one; each must be kept. */
    static ImmutableBitSet remap(ImmutableBitSet columns, int[] newPosition) {
        ImmutableBitSet.Builder out = ImmutableBitSet.builder();
        columns.forEachInt(c -> out.set(newPosition[c]));
        return out.build();
    }
}
