package dev.hindsight.jdbc;

import dev.hindsight.jdbc.wire.CompactTranslation;
import java.net.MalformedURLException;
import java.net.URL;
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
            return new RemoteService(new RemoteHttpClient(new URL(url)), CompactTranslation.driver(),
                connection.config().fetchSize());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL of a Hindsight server's /jdbc endpoint: " + url, e);
        }
    }
}
