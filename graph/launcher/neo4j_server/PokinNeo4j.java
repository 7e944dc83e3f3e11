import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * The whole Java side of pokin: an embedded Neo4j Community DBMS with its Bolt connector on loopback.
 *
 * Everything else (downloading jars, starting, waiting, stopping) is done by graph/server.py; this
 * class only opens the database, sets the neo4j user's password, and shuts down cleanly on SIGTERM.
 * Further settings (transaction memory and time limits) come from HOME_DIR/neo4j.conf, which
 * graph/server.py writes before each start; the launcher also runs without that file.
 *
 * Usage: java ... PokinNeo4j HOME_DIR PORT PAGE_CACHE_BYTES   (password read from NEO4J_PASSWORD)
 */
public final class PokinNeo4j {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCache = Long.parseLong(args[2]);
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path conf = home.resolve("neo4j.conf");
        if (Files.exists(conf)) {
            builder.loadPropertiesFromFile(conf);
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, !password.isEmpty())
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .build();

        if (!password.isEmpty()) {
            // Embedded transactions run with full rights: set the one local user's password on every start,
            // so the Bolt side always needs exactly the credentials the Python side reads from NEO4J_PASSWORD.
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "pokin-neo4j-shutdown"));
        System.out.println("pokin-neo4j ready bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
