package dev.hindsight.jdbc.wire;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * What Avatica's client does to every signature it receives ({@code AbstractService.finagle}): each numeric or
 * decimal column's representation becomes {@code NUMBER}, so that its accessors take any number. Avatica's client
 * does it to every prepare and execute answer, building a new signature each time; done here once, when the driver
 * first parses a signature ({@link SignatureCache}), Avatica's own pass then finds nothing to change and keeps it.
 */
final class NumericColumns {

    private NumericColumns() {
    }

    /** {@code signature} with its numeric columns as {@code NUMBER}; itself if it has none to change. */
    static Meta.Signature asNumbers(Meta.Signature signature) {
        List<ColumnMetaData> columns = new ArrayList<>(signature.columns.size());
        for (ColumnMetaData column : signature.columns) {
            columns.add(asNumber(column));
        }
        if (columns.equals(signature.columns)) {
            return signature;
        }
        return new Meta.Signature(columns, signature.sql, signature.parameters, signature.internalParameters,
            signature.cursorFactory, signature.statementType);
    }

    private static ColumnMetaData asNumber(ColumnMetaData column) {
        return switch (column.type.rep) {
            case BYTE, PRIMITIVE_BYTE, DOUBLE, PRIMITIVE_DOUBLE, FLOAT, PRIMITIVE_FLOAT, INTEGER, PRIMITIVE_INT, SHORT,
                PRIMITIVE_SHORT, LONG, PRIMITIVE_LONG -> column.setRep(ColumnMetaData.Rep.NUMBER);
            default -> column.type.id == Types.DECIMAL || column.type.id == Types.NUMERIC
                ? column.setRep(ColumnMetaData.Rep.NUMBER) : column;
        };
    }
}
