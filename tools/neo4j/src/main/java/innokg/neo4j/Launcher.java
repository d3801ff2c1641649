package innokg.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;

/**
 * Runs Neo4j 5.26 Community embedded for InnoKG: Bolt on 127.0.0.1, auth on, one data directory.
 *
 * <pre>
 * java -Xmx1g -cp 'target/lib/*:target/innokg-neo4j-launcher.jar' innokg.neo4j.Launcher --dir D
 *      [--port 0] [--http-port -1] [--password-file D/neo4j.password] [--pagecache 256m]
 *      [--tx-timeout 30s] [--tx-memory-max 512m]
 * </pre>
 *
 * The directory is the Neo4j home (data/, logs/). The password of user neo4j is read from the password
 * file (created with a random password, mode 0600, when missing) and put in force at every start. Once Bolt
 * answers a handshake, the launcher writes D/neo4j.state.json (pid, ports, password, version; mode 0600).
 * SIGTERM shuts the DBMS down cleanly and removes the state file; a SIGKILL leaves it behind, and the next
 * start recovers the store from its transaction log.
 */
public final class Launcher {
    static final String STATE_FILE = "neo4j.state.json";
    static final String PASSWORD_FILE = "neo4j.password";
    static final String CONF_FILE = "neo4j-launcher.conf";

    private Launcher() {}

    public static void main(String[] args) {
        try {
            run(parseArgs(args));
        } catch (Throwable e) {
            // Neo4j's own threads would keep the JVM alive: exit, and let the shutdown hook stop the DBMS.
            log("FAILED: " + e);
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
    }

    static void run(Map<String, String> opt) throws Exception {
        Path dir = Path.of(opt.get("dir")).toAbsolutePath();
        Files.createDirectories(dir);
        Path passwordFile = Path.of(opt.getOrDefault("password-file", dir.resolve(PASSWORD_FILE).toString()));
        String password = readOrCreatePassword(passwordFile);
        int port = Integer.parseInt(opt.getOrDefault("port", "0"));
        int httpPort = Integer.parseInt(opt.getOrDefault("http-port", "-1"));
        Path conf = writeConf(dir, opt, port, httpPort);
        Path state = dir.resolve(STATE_FILE);
        Files.deleteIfExists(state);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir)
                .loadPropertiesFromFile(conf)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("SIGTERM or exit: shutting the DBMS down");
            try {
                Files.deleteIfExists(state);
            } catch (IOException e) {
                log("could not remove " + state + ": " + e);
            }
            dbms.shutdown();
            log("DBMS stopped cleanly");
            stopped.countDown();
        }, "innokg-neo4j-shutdown"));

        log("DBMS started after " + (System.nanoTime() - t0) / 1_000_000 + " ms" + cpu());
        setPassword(dbms, password);
        log("password of user neo4j in force after " + (System.nanoTime() - t0) / 1_000_000 + " ms" + cpu());
        ConnectorPortRegister ports = ((GraphDatabaseAPI) dbms.database("system"))
                .getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
        int boltPort = ports.getLocalAddress(ConnectorType.BOLT).getPort();
        HostnamePort http = httpPort >= 0 ? ports.getLocalAddress(ConnectorType.HTTP) : null;
        waitForBolt(boltPort);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        writeState(state, boltPort, http == null ? -1 : http.getPort(), password, ms);
        log("READY bolt=127.0.0.1:" + boltPort + (http == null ? "" : " http=127.0.0.1:" + http.getPort())
                + " version=" + Version.getNeo4jVersion() + " startup_ms=" + ms + cpu());
        stopped.await();
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --name value pairs, got " + args[i]);
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        if (!opt.containsKey("dir")) {
            throw new IllegalArgumentException("--dir is required");
        }
        return opt;
    }

    /** The settings in force, written next to the data so that a person can read them. */
    static Path writeConf(Path dir, Map<String, String> opt, int port, int httpPort) throws IOException {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("dbms.security.auth_enabled", "true");
        c.put("server.default_listen_address", "127.0.0.1");
        c.put("server.default_advertised_address", "127.0.0.1");
        c.put("server.bolt.enabled", "true");
        c.put("server.bolt.listen_address", "127.0.0.1:" + port);
        c.put("server.bolt.advertised_address", "127.0.0.1:" + port);
        c.put("server.http.enabled", Boolean.toString(httpPort >= 0));
        c.put("server.http.listen_address", "127.0.0.1:" + Math.max(httpPort, 0));
        c.put("server.https.enabled", "false");
        c.put("server.memory.pagecache.size", opt.getOrDefault("pagecache", "256m"));
        c.put("db.transaction.timeout", opt.getOrDefault("tx-timeout", "30s"));
        c.put("db.memory.transaction.max", opt.getOrDefault("tx-memory-max", "512m"));
        c.put("dbms.usage_report.enabled", "false");
        c.put("db.tx_log.rotation.retention_policy", "2 files");
        StringBuilder text = new StringBuilder("# Written by innokg.neo4j.Launcher at every start: edits are lost.\n");
        c.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path conf = dir.resolve(CONF_FILE);
        Files.writeString(conf, text.toString(), StandardCharsets.UTF_8);
        return conf;
    }

    static String readOrCreatePassword(Path file) throws IOException {
        if (Files.exists(file)) {
            String pw = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (pw.length() < 8) {
                throw new IllegalStateException(file + ": the password must have at least 8 characters");
            }
            return pw;
        }
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        String pw = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        writePrivate(file, pw + "\n");
        return pw;
    }

    /**
     * User neo4j gets the password of the password file; "same as before" is not an error here. The first
     * query of a cold JVM compiles slowly, so it gets its own timeout rather than db.transaction.timeout.
     */
    static void setPassword(DatabaseManagementService dbms, String password) {
        try (Transaction tx = dbms.database("system").beginTx(10, TimeUnit.MINUTES)) {
            tx.execute("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password)).close();
            tx.commit();
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("cannot be the same")) {
                throw e;
            }
        }
    }

    /** A Bolt handshake: magic 0x6060B017 and four proposed versions; the server answers one (4 bytes). */
    static void waitForBolt(int port) throws IOException, InterruptedException {
        byte[] hello = {
            0x60, 0x60, (byte) 0xB0, 0x17, 0, 0, 6, 5, 0, 0, 0, 5, 0, 0, 0, 4, 0, 0, 0, 3};
        IOException last = null;
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(2000);
                OutputStream out = s.getOutputStream();
                out.write(hello);
                out.flush();
                InputStream in = s.getInputStream();
                if (in.readNBytes(4).length == 4) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IOException("Bolt on 127.0.0.1:" + port + " does not answer", last);
    }

    static void writeState(Path state, int boltPort, int httpPort, String password, long startupMs)
            throws IOException {
        String json = "{\"pid\": " + ProcessHandle.current().pid()
                + ", \"port\": " + boltPort
                + ", \"http_port\": " + (httpPort < 0 ? "null" : Integer.toString(httpPort))
                + ", \"password\": \"" + password + "\""
                + ", \"version\": \"" + Version.getNeo4jVersion() + "\""
                + ", \"startup_ms\": " + startupMs
                + ", \"started_at\": \"" + Instant.now() + "\"}\n";
        writePrivate(state, json);
    }

    /** Written beside the target, mode 0600 from the start, then moved into place. */
    static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The JVM's CPU time so far: start-up measured apart from the other processes sharing the cores. */
    static String cpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return " cpu_ms=" + os.getProcessCpuTime() / 1_000_000;
        }
        return "";
    }

    static void log(String msg) {
        System.out.println(Instant.now() + " innokg-neo4j " + msg);
        System.out.flush();
    }
}
