package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DatabaseMetaData} over the wire answers as BI tools ask: tables, columns, schemas, types, product. (Primary
 * keys are not among them: Avatica's protocol has no request for them, and its client answers none.)
 */
class RemoteMetadataTest {

    @TempDir
    Path dir;
    RemoteServer server;
    Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
        connection = server.connect(RemoteServer.READ_KEY);
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void tablesColumnsAndPrimaryKeysAreListed() throws Exception {
        DatabaseMetaData md = connection.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("Hindsight");
        assertThat(names(md.getTables(null, null, "%", null), "TABLE_NAME")).contains("events", "streams");
        assertThat(names(md.getColumns(null, null, "events", "%"), "COLUMN_NAME"))
            .startsWith("seq", "stream_id", "entity_type", "version", "name");
        assertThat(names(md.getSchemas(), "TABLE_SCHEM")).isNotEmpty();
        assertThat(names(md.getTypeInfo(), "TYPE_NAME")).contains("VARCHAR", "BIGINT", "TIMESTAMP");
    }

    private static List<String> names(ResultSet rs, String column) throws Exception {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(column));
            }
        }
        return out;
    }
}
