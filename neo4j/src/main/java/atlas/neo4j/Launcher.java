package atlas.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import inet.ipaddr.IPAddressString;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.PortBindException;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.locker.FileLockException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.LegacyCredential;

/**
 * Embedded Neo4j Community with Bolt on loopback, for Atlas (started by neo4j/server.ts).
 *
 * <p>Usage: {@code Launcher --home DIR --port N --password-file FILE [--page-cache 256m] [--watch-stdin] [--warmup]}.
 * Port 0 lets the OS pick; the READY line carries the real port. --watch-stdin: shut down when stdin closes (the
 * parent died). --warmup: run a few queries and exit (build.sh uses it to record the class-data-sharing archive).
 *
 * <p>Exit codes: 0 clean shutdown (143/130 after SIGTERM/SIGINT), 1 failure, 2 bad usage, 3 store locked by
 * another process, 4 Bolt port in use. Nothing but the READY line is written to stdout.
 */
public final class Launcher {
    private static final String USER = "neo4j";

    /** Procedures a plugin may contribute: only names Atlas itself calls (all of them built in today). */
    static final List<String> PROCEDURE_ALLOWLIST = List.of(
            "db.awaitIndex", "db.awaitIndexes", "db.labels", "db.relationshipTypes", "db.propertyKeys",
            "db.schema.*", "db.index.fulltext.*", "db.index.vector.*", "db.ping", "dbms.components");

    public static void main(String[] args) {
        // Only the READY line belongs on stdout (server.ts parses it); anything a library prints goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        Map<String, String> opts = parseArgs(args);
        Path home = Path.of(opts.get("--home")).toAbsolutePath();
        int port = Integer.parseInt(opts.get("--port"));
        String password;
        try {
            password = Files.readString(Path.of(opts.get("--password-file")), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            fail(1, "cannot read password file: " + e.getMessage());
            return;
        }
        if (password.length() < 8) fail(2, "password must be at least 8 characters (Neo4j's minimum)");

        DatabaseManagementService dbms;
        try {
            Files.createDirectories(home);
            writeInitialPassword(home, password);
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    // The database server itself refuses what a query must never make it do (the API's
                    // read-only guard refuses the same; this holds even for a client that bypasses it):
                    // LOAD CSV reads no local file and fetches no URL — every address is on the block list,
                    // which Neo4j 5.26 checks for LOAD CSV and URL-loading procedures (it has no switch for
                    // URLs alone) — and no plugin procedure outside the allow-list is ever loaded (the
                    // allow-list does not apply to built-in procedures, which the API guard restricts).
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                            List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                    .setConfig(GraphDatabaseSettings.procedure_allowlist, PROCEDURE_ALLOWLIST)
                    // One read query can build a list of 50 million values; without a limit the JVM spends
                    // minutes in GC and every client waits. Tracked transaction memory is capped at half the
                    // heap, so such a query fails alone (MemoryPoolOutOfMemoryError) and Neo4j stays up.
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, transactionMemoryLimit())
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(opts.getOrDefault("--page-cache", "256m")))
                    .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                    // Bolt shuts down after the databases are checkpointed and closed; its default 5 s quiet
                    // period per Netty event-loop group only delays exit (~10 s) without protecting any data.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (Throwable e) {
            try { deleteInitialPasswordFile(home); } catch (IOException ignored) { /* best effort */ }
            if (causedBy(e, FileLockException.class)) {
                fail(3, "Neo4j store " + home + " is locked by another process (is another Atlas Neo4j running on it?)");
            }
            if (causedBy(e, PortBindException.class)) fail(4, "port 127.0.0.1:" + port + " is already in use");
            e.printStackTrace();
            fail(1, "Neo4j failed to start: " + e);
            return;
        }
        // From here on every exit path (SIGTERM, SIGINT, stdin EOF, System.exit) closes the store cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "atlas-neo4j-shutdown"));

        try {
            setPassword(dbms, password);
            deleteInitialPasswordFile(home);
        } catch (Throwable e) {
            e.printStackTrace();
            System.err.println("atlas-neo4j: could not set the neo4j user's password: " + e.getMessage());
            System.exit(1);
        }

        if (opts.containsKey("--warmup")) {
            // build.sh runs this under -XX:ArchiveClassesAtExit so the class-data-sharing archive also holds
            // the Cypher classes a first query needs; the store is a throwaway.
            warmup(dbms);
            System.exit(0);
        }

        if (opts.containsKey("--watch-stdin")) watchStdin();

        GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        int boundPort = system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        stdout.println("ATLAS_NEO4J_READY bolt://127.0.0.1:" + boundPort);
        stdout.flush();
        // main returns; Neo4j's non-daemon threads keep the JVM alive until SIGTERM/SIGINT runs the hook.
    }

    /** Half the JVM's heap (at least 64 MB): one transaction may use that much tracked memory, no more. */
    static long transactionMemoryLimit() {
        return Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * Neo4j applies data/dbms/auth.ini (what `neo4j-admin dbms set-initial-password` writes) while it initialises
     * the system database, i.e. before Bolt listens, so a new store never accepts the default neo4j/neo4j.
     * It is ignored once the neo4j user has a non-default password; setPassword covers that case.
     */
    private static void writeInitialPassword(Path home, String password) throws IOException {
        Path file = initialPasswordFile(home);
        Files.createDirectories(file.getParent());
        Files.writeString(file, USER + ":" + LegacyCredential.forPassword(password).serialize() + ":\n");
    }

    private static void deleteInitialPasswordFile(Path home) throws IOException {
        Files.deleteIfExists(initialPasswordFile(home));
    }

    private static Path initialPasswordFile(Path home) {
        return CommunitySecurityModule.getInitialUserRepositoryFile(
                Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build());
    }

    /**
     * Makes the store's password match the password file even if the file was replaced since the last start.
     * The stored credential is checked first: the usual case needs no change, and skipping the Cypher statement
     * saves seconds of query-planner warm-up on every start.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) throws Exception {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try (Transaction tx = system.beginTx()) {
            Node user = tx.findNode(Label.label("User"), "name", USER);
            if (user != null
                    && !Boolean.TRUE.equals(user.getProperty("passwordChangeRequired", false))
                    && SystemGraphCredential.deserialize((String) user.getProperty("credentials"), new SecureHasher())
                            .matchesPassword(password.getBytes(StandardCharsets.UTF_8))) {
                return;
            }
        }
        system.executeTransactionally(
                "ALTER USER " + USER + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    }

    private static void warmup(DatabaseManagementService dbms) {
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        for (String q : new String[] {
            "CREATE CONSTRAINT warm_id IF NOT EXISTS FOR (n:Warm) REQUIRE n.id IS UNIQUE",
            "CREATE FULLTEXT INDEX warm_text IF NOT EXISTS FOR (n:Warm) ON EACH [n.name]",
            "CALL db.awaitIndexes(60)",
            "UNWIND range(1, 200) AS i MERGE (n:Warm {id: i}) SET n.name = 'w' + i MERGE (n)-[:NEXT]->(:Warm {id: -i})",
            "MATCH (n:Warm)-[r]->(m) WHERE n.id > $min RETURN n.name, type(r), count(m) ORDER BY n.name LIMIT 5",
            "CALL db.index.fulltext.queryNodes('warm_text', 'w1*') YIELD node, score RETURN node.id, score LIMIT 5",
            "MATCH (n:Warm) DETACH DELETE n",
        }) {
            db.executeTransactionally(q, Map.of("min", 50));
        }
    }

    /** server.ts keeps our stdin open; EOF means the parent died, so shut down cleanly instead of lingering. */
    private static void watchStdin() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() != -1) { /* ignore input */ }
            } catch (IOException ignored) {
                // treat a broken pipe like EOF
            }
            System.exit(0);
        }, "atlas-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--watch-stdin") || a.equals("--warmup")) m.put(a, "");
            else if (a.startsWith("--") && i + 1 < args.length) m.put(a, args[++i]);
            else fail(2, "unexpected argument: " + a);
        }
        for (String req : new String[] {"--home", "--port", "--password-file"}) {
            if (!m.containsKey(req)) {
                fail(2, "usage: Launcher --home DIR --port N --password-file FILE [--page-cache SIZE] [--watch-stdin] [--warmup]");
            }
        }
        return m;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
            for (Throwable s : t.getSuppressed()) if (causedBy(s, type)) return true;
        }
        return false;
    }

    private static void fail(int code, String message) {
        System.err.println("atlas-neo4j: " + message);
        System.err.flush();
        // halt: used before the DBMS exists, so there is nothing for hooks to close.
        Runtime.getRuntime().halt(code);
    }
}
