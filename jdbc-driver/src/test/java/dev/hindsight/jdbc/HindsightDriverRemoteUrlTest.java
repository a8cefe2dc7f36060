package dev.hindsight.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The remote URL form {@code jdbc:hindsight://host:port}: malformed ones and a server that is not there fail with
 * 08001 naming the URL; the driver reports Hindsight's version from the build and lists the thin driver's own
 * properties for it.
 */
class HindsightDriverRemoteUrlTest {

    private final HindsightDriver driver = new HindsightDriver();

    @Test
    void aMalformedRemoteUrlIsRefusedWith08001NamingIt() {
        for (String url : new String[] {"jdbc:hindsight://", "jdbc:hindsight://h:1/db/x", "jdbc:hindsight://h:1;a=b",
            "jdbc:hindsight://h:notaport", "jdbc:hindsight://h:70700", "jdbc:hindsight://h:"}) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> driver.connect(url, new Properties()));
            assertThat(e.getSQLState()).as(url).isEqualTo("08001");
            assertThat(e.getMessage()).as(url).contains(url);
        }
    }

    @Test
    void aServerThatIsNotThereIs08001() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "jdbc:hindsight://127.0.0.1:" + port;
        SQLException e = catchThrowableOfType(SQLException.class, () -> driver.connect(url, new Properties()));
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains("127.0.0.1:" + port);
    }

    @Test
    void aPasswordInTheUrlIsNeverQuotedInItsMessages() throws Exception {
        // tools show and log a driver's messages; the password is the API key
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        for (String url : new String[] {"jdbc:hindsight://127.0.0.1:" + port + "?password=S3cretK3y",
            "jdbc:hindsight://127.0.0.1:" + port + "?asOf=seq:1&password=S3cretK3y&nope",
            "jdbc:hindsight://127.0.0.1:notaport?password=S3cretK3y", "jdbc:hindsight://h:1?password=S3cretK3y%zz",
            "jdbc:hindsight://h:1/x?Password=S3cretK3y", "jdbc:hindsight://127.0.0.1:" + port + "?password=S3cr&etK3y",
            "jdbc:hindsight://h:1;password=S3cretK3y"}) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> driver.connect(url, new Properties()));
            assertThat(e.getSQLState()).as(url).isEqualTo("08001");
            assertThat(e.getMessage()).as(url).doesNotContain("S3cr").doesNotContain("etK3y").contains("assword=***")
                .doesNotContain("URLDecoder");
        }
        SQLException userInfo = catchThrowableOfType(SQLException.class,
            () -> driver.connect("jdbc:hindsight://u:S3cretK3y@127.0.0.1:" + port, new Properties()));
        assertThat(userInfo.getMessage()).doesNotContain("S3cretK3y").contains("//***@127.0.0.1");
    }

    @Test
    void thePropertiesListedAreTheThinDriversOwnTooForARemoteUrlAndNeverEchoThePassword() {
        Properties given = new Properties();
        given.setProperty("fetch_size", "250");
        given.setProperty("password", "S3cretK3y");

        Map<String, DriverPropertyInfo> remote = byName(driver.getPropertyInfo("jdbc:hindsight://h:1", given));
        Map<String, DriverPropertyInfo> embedded = byName(driver.getPropertyInfo("jdbc:hindsight:mem:", given));

        assertThat(remote).containsOnlyKeys("user", "password", "asOf", "statementTimeout", "durability",
            "fetch_size", "timeZone");
        assertThat(remote.get("fetch_size").value).isEqualTo("250");
        assertThat(remote.get("password").value).isNull();
        assertThat(embedded).containsOnlyKeys("user", "password", "asOf", "statementTimeout", "durability",
            "planCacheSize");
        assertThat(remote.values()).allSatisfy(p -> assertThat(p.description).as(p.name).isNotBlank());
    }

    private static Map<String, DriverPropertyInfo> byName(DriverPropertyInfo[] listed) {
        Map<String, DriverPropertyInfo> byName = new LinkedHashMap<>();
        for (DriverPropertyInfo p : listed) {
            byName.put(p.name, p);
        }
        return byName;
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertThat(DriverInfo.VERSION).matches("\\d+\\.\\d+.*");
        assertThat(driver.getMajorVersion()).isEqualTo(DriverInfo.part(0));
        assertThat(driver.getMinorVersion()).isEqualTo(DriverInfo.part(1));
    }
}
