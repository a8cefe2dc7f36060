package dev.hindsight.sql.parser;

import dev.hindsight.sql.SessionStatements;
import java.io.Reader;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

/**
 * Hindsight's SQL parser (Calcite's grammar plus {@code AS OF}, generated at build time from
 * {@code src/main/codegen} into this package) and the executor of the statements Calcite hands to a DDL executor
 * ({@code SET as_of}, {@code RESET as_of}: {@link SessionStatements}). Public, as Calcite's {@code parserFactory}
 * connection property instantiates it by name.
 */
public final class HindsightParserFactory implements SqlParserImplFactory {

    /** The instance Calcite's {@code parserFactory} connection property names. */
    public static final HindsightParserFactory INSTANCE = new HindsightParserFactory();

    private HindsightParserFactory() {
    }

    @Override
    public SqlAbstractParserImpl getParser(Reader stream) {
        return new ExplicitTableParser(new NonEmptyReader(stream));
    }

    @Override
    public DdlExecutor getDdlExecutor() {
        return SessionStatements.INSTANCE;
    }
}
