package dev.hindsight.jdbc;

import dev.hindsight.jdbc.wire.CompactTranslation;
import java.net.MalformedURLException;
import java.net.URL;
import java.sql.DriverManager;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.remote.Service;

/**
 * How each remote connection talks to the server: Avatica's protobuf service ({@link RemoteService}, frames of the
 * connection's {@code fetch_size}) over {@link RemoteHttpClient}, with the {@link CompactTranslation} that reads rows
 * straight from the bytes. Hooked in through Avatica's documented extension point, the {@code factory} connection
 * property ({@code Service.Factory}); public only because Avatica creates it by class name.
 */
public final class RemoteServiceFactory implements Service.Factory {

    /** For Avatica, which creates the factory by class name. */
    public RemoteServiceFactory() {
    }

    @Override
    public Service create(AvaticaConnection connection) {
        String url = connection.config().url();
        try {
            // DriverManager's login timeout bounds the wait for the server's answer to the opening, as PostgreSQL's
            // driver's loginTimeout does (a server that accepted and never answered held getConnection for good)
            long loginTimeoutMs = DriverManager.getLoginTimeout() * 1_000L;
            return new RemoteService(new RemoteHttpClient(new URL(url), loginTimeoutMs), CompactTranslation.driver(),
                connection.config().fetchSize());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL of a Hindsight server's /jdbc endpoint: " + url, e);
        }
    }
}
