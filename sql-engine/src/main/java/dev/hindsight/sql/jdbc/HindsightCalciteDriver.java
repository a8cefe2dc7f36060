package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.ProductVersion;
import dev.hindsight.sql.HindsightPrepare;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.jdbc.CalciteMetaTableFactoryImpl;
import org.apache.calcite.jdbc.Driver;

/**
 * Internal: Calcite's JDBC driver, branded ({@code DatabaseMetaData} says {@code Hindsight} and answers through
 * {@link HindsightMeta}) and told when a connection closes, so that the connection's share of its log is released.
 * Never registered with {@code DriverManager}: the public driver is {@code dev.hindsight.jdbc.HindsightDriver}, which
 * reaches this through {@link HindsightEmbeddedEngine}. Public for the engine's tests, which read {@link #VERSION}.
 */
public final class HindsightCalciteDriver extends Driver {

    /** The version {@code DatabaseMetaData} gives for the driver and the database alike: the build's. */
    public static final String VERSION = ProductVersion.VALUE;

    private final Map<AvaticaConnection, Runnable> onClose = new ConcurrentHashMap<>();

    HindsightCalciteDriver() {
        super(HindsightPrepare::new);
    }

    @Override
    protected String getConnectStringPrefix() {
        return "jdbc:hindsight-calcite:";
    }

    /** Calcite's JDBC objects, but a fast read's result set is Avatica's own ({@link HindsightJdbcFactory}). */
    @Override
    protected String getFactoryClassName(JdbcVersion jdbcVersion) {
        return HindsightJdbcFactory.class.getName();
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return new DriverVersion("Hindsight JDBC Driver", VERSION, "Hindsight", VERSION, false,
            ProductVersion.part(0), ProductVersion.part(1), ProductVersion.part(0), ProductVersion.part(1));
    }

    /**
     * Calcite's own {@code createMeta}, with {@link HindsightMeta} in place of {@code CalciteMetaImpl}, and
     * {@code getColumns} answered with plain type names ({@link PlainTypeNameColumnFactory}, given here: Calcite's
     * {@code createMeta} would look it up by class name in the connection's properties).
     */
    @Override
    public Meta createMeta(AvaticaConnection connection) {
        CalciteConnectionConfig config = (CalciteConnectionConfig) connection.config();
        return new HindsightMeta(connection,
            config.metaTableFactory(CalciteMetaTableFactory.class, CalciteMetaTableFactoryImpl.INSTANCE),
            PlainTypeNameColumnFactory.INSTANCE);
    }

    /** Runs {@code action} once when {@code connection} closes. */
    void onClose(AvaticaConnection connection, Runnable action) {
        onClose.put(connection, action);
    }

    @Override
    protected Handler createHandler() {
        Handler calcite = super.createHandler();
        return new Handler() {
            @Override
            public void onConnectionInit(AvaticaConnection connection) throws SQLException {
                calcite.onConnectionInit(connection);
            }

            @Override
            public void onConnectionClose(AvaticaConnection connection) {
                try {
                    calcite.onConnectionClose(connection);
                } finally {
                    Runnable action = onClose.remove(connection);
                    if (action != null) {
                        action.run();
                    }
                }
            }

            @Override
            public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
                calcite.onStatementExecute(statement, resultSink);
            }

            @Override
            public void onStatementClose(AvaticaStatement statement) {
                calcite.onStatementClose(statement);
            }
        };
    }
}
