package dev.hindsight.sql.jdbc;

import dev.hindsight.sql.ScanFastPath;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalciteJdbc41Factory;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * Internal: the JDBC objects of a connection, made as Calcite's factory makes them, except the result set of a
 * statement whose rows are all in its first frame (a fast read, {@link HindsightMeta#execute}): Avatica's own result
 * set over those rows, without the set-up Calcite's does before it runs generated code (it parses the connection's
 * properties once more on every execution). Avatica's extension point for this
 * ({@code UnregisteredDriver.getFactoryClassName}); public only because Avatica creates it by class name.
 */
public final class HindsightJdbcFactory extends CalciteFactory {

    private final CalciteJdbc41Factory calcite = new CalciteJdbc41Factory();

    /** For Avatica, which creates the factory by class name. */
    public HindsightJdbcFactory() {
        super(4, 1);
    }

    @Override
    public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
                                           Properties info, CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
        // without Calcite's "metadata" schema (its own COLUMNS and TABLES as SYSTEM TABLEs): the catalog a BI tool
        // lists is SPEC §2's, the default schema and sys; DatabaseMetaData answers from the schemas themselves
        CalciteSchema root = rootSchema != null ? rootSchema : CalciteSchema.createRootSchema(false);
        // the type factory too: Calcite's, keeping the fraction digits of meeting DECIMALs (DecimalKeepingTypeFactory)
        return calcite.newConnection(driver, factory, url, info, root,
            typeFactory != null ? typeFactory : DecimalKeepingTypeFactory.of(info));
    }

    @Override
    public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
                                         int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        return calcite.newStatement(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
                                                         Meta.Signature signature, int resultSetType,
                                                         int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return calcite.newPreparedStatement(connection, h, signature, resultSetType, resultSetConcurrency,
            resultSetHoldability);
    }

    @Override
    public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                                         TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        if (firstFrame != null && firstFrame.done && FastPaths.of(signature) instanceof ScanFastPath) {
            return new AvaticaResultSet(statement, state, signature, newResultSetMetaData(statement, signature),
                timeZone, firstFrame);
        }
        return calcite.newResultSet(statement, state, signature, timeZone, firstFrame);
    }

    @Override
    public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
        return calcite.newDatabaseMetaData(connection);
    }

    @Override
    public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature)
            throws SQLException {
        return calcite.newResultSetMetaData(statement, signature);
    }
}
