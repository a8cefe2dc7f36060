package dev.hindsight.jdbc;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Refuses a request whose SQL text, text parameter, schema name or metadata pattern holds an unpaired UTF-16
 * surrogate (U+D800 alone), before it is sent: such text is no Unicode and has no UTF-8 form, and protobuf's writer put
 * a {@code ?} in its place (logging a warning with a stack trace), so the server appended {@code a?b} for it, and a
 * query looked for other text than asked. The embedded driver refuses such a value appended with 22023; so does this
 * one, for any text it would send, naming where it is.
 */
final class UnpairedSurrogates {

    private UnpairedSurrogates() {
    }

    /**
     * Nothing if every text {@code request} carries is whole Unicode.
     *
     * @throws AvaticaClientRuntimeException with SQLState 22023 naming the statement or parameter, the surrogate
     *                                       and its position
     */
    static void check(Service.Request request) {
        if (request instanceof Service.PrepareRequest r) {
            checkText("the statement", r.sql);
        } else if (request instanceof Service.PrepareAndExecuteRequest r) {
            checkText("the statement", r.sql);
        } else if (request instanceof Service.PrepareAndExecuteBatchRequest r) {
            for (int i = 0; i < r.sqlCommands.size(); i++) {
                checkText("statement " + (i + 1) + " of the batch", r.sqlCommands.get(i));
            }
        } else if (request instanceof Service.ExecuteRequest r) {
            checkValues("", r.parameterValues);
        } else if (request instanceof Service.ExecuteBatchRequest r) {
            for (int row = 0; row < r.parameterValues.size(); row++) {
                checkValues(" of batch row " + (row + 1), r.parameterValues.get(row));
            }
        } else {
            checkMetadata(request);
        }
    }

    /** The names and patterns of a request that is no statement: a schema set, a listing of tables or columns. */
    private static void checkMetadata(Service.Request request) {
        if (request instanceof Service.ConnectionSyncRequest r && r.connProps != null) {
            checkText("the schema", r.connProps.getSchema());
            checkText("the catalog", r.connProps.getCatalog());
        } else if (request instanceof Service.TablesRequest r) {
            checkText("the catalog", r.catalog);
            checkText("the schema pattern", r.schemaPattern);
            checkText("the table name pattern", r.tableNamePattern);
            for (String type : r.typeList == null ? List.<String>of() : r.typeList) {
                checkText("a table type", type);
            }
        } else if (request instanceof Service.ColumnsRequest r) {
            checkText("the catalog", r.catalog);
            checkText("the schema pattern", r.schemaPattern);
            checkText("the table name pattern", r.tableNamePattern);
            checkText("the column name pattern", r.columnNamePattern);
        } else if (request instanceof Service.SchemasRequest r) {
            checkText("the catalog", r.catalog);
            checkText("the schema pattern", r.schemaPattern);
        } else if (request instanceof Service.OpenConnectionRequest r && r.info != null) {
            r.info.forEach((key, value) -> checkText("connection property " + key, value));
        }
    }

    private static void checkValues(String where, List<TypedValue> values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            TypedValue value = values.get(i);
            if (value != null) {
                checkValue("parameter " + (i + 1) + where, value.value);
            }
        }
    }

    private static void checkValue(String what, Object value) {
        if (value instanceof String text) {
            checkText(what, text);
        } else if (value instanceof Character c) {
            checkText(what, String.valueOf(c));
        } else if (value instanceof List<?> elements) { // an array's
            for (Object element : elements) {
                checkValue(what, element instanceof TypedValue typed ? typed.value : element);
            }
        }
    }

    private static void checkText(String what, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one code point beyond the BMP
            } else if (Character.isSurrogate(c)) {
                String message = what + " holds an unpaired surrogate U+"
                    + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at position " + i
                    + ": not valid Unicode text, which cannot be sent";
                throw new AvaticaClientRuntimeException(message, Service.ErrorResponse.UNKNOWN_ERROR_CODE, "22023",
                    AvaticaSeverity.ERROR, List.of(), null);
            }
        }
    }
}
