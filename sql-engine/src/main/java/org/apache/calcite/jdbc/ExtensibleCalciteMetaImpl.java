package org.apache.calcite.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * Calcite's {@link CalciteMetaImpl} with its constructor opened to subclasses outside this package. Hindsight's code,
 * not Calcite's: the one class of ours in Calcite's package, and it holds nothing but the constructor, the table
 * order of {@code getTables} and access to a statement's prepared signature.
 *
 * <p>Why it lives here: a Calcite connection casts its {@code Meta} to {@code CalciteMetaImpl}, so answering a
 * {@code DatabaseMetaData} call Calcite leaves empty ({@code getPrimaryKeys}) means subclassing it; but both of its
 * constructors take a {@code CalciteConnectionImpl}, a package-private type that code in any other package can neither
 * name nor cast to (Calcite 1.42). Classes on the class path may share a package, so this cast compiles and runs here.
 * The rest needs the package as well: {@code tables} is a package-private method, and a statement's signature is
 * reached through the connection's package-private {@code server} field. Keep this class to those members, so that
 * the quarantine stays small; everything else of Hindsight's {@code Meta} lives in {@code dev.hindsight.sql}.
 * Revisit on a Calcite upgrade: if {@code CalciteMetaImpl} gains a constructor taking a public type, delete this.
 *
 * <p>Hence also the one class of ours outside {@code dev.hindsight.sql.jdbc} that uses Avatica ({@code Meta}, the
 * connection; {@code ArchitectureTest} holds every other class there): it belongs with that package's glue, and is
 * kept in Calcite's package for the cast above alone. Its one subclass is {@code dev.hindsight.sql.jdbc.HindsightMeta}.
 */
public abstract class ExtensibleCalciteMetaImpl extends CalciteMetaImpl {

    /**
     * @param connection the connection being built, as {@link Driver#createMeta} receives it; must be Calcite's
     * @param tables     the {@code metaTableFactory} of the connection
     * @param columns    the {@code metaColumnFactory} of the connection
     * @throws ClassCastException if {@code connection} is not a Calcite connection
     */
    protected ExtensibleCalciteMetaImpl(AvaticaConnection connection, CalciteMetaTableFactory tables,
                                        CalciteMetaColumnFactory columns) {
        super((CalciteConnectionImpl) connection, tables, columns);
    }

    /**
     * The tables of one schema sorted by name, as JDBC orders {@code getTables} (Calcite lists them in its lookup's
     * order). Overridable only from this package, like the constructor.
     */
    @Override
    Enumerable<MetaImpl.MetaTable> tables(MetaImpl.MetaSchema schema, LikePattern pattern) {
        return super.tables(schema, pattern).orderBy(t -> t.tableName);
    }

    /**
     * The signature the statement {@code h} was prepared with, as Calcite's own {@code execute} finds it: Avatica
     * sends {@code executeUpdate} without one (CALCITE-1086), and a remote client's copy never carries the
     * server-side internal parameters.
     *
     * @throws NoSuchStatementException if the connection has no such statement
     */
    protected final Meta.Signature preparedSignature(Meta.StatementHandle h) throws NoSuchStatementException {
        return getConnection().server.getStatement(h).getSignature();
    }

    /**
     * Gives the statement {@code h} the signature it runs with, as Calcite's own {@code prepareAndExecute} does after
     * preparing one: for a statement whose plan came from a cache instead.
     *
     * @throws NoSuchStatementException if the connection has no such statement
     */
    protected final void setPreparedSignature(Meta.StatementHandle h, Meta.Signature signature)
            throws NoSuchStatementException {
        getConnection().server.getStatement(h).setSignature(signature);
    }
}
