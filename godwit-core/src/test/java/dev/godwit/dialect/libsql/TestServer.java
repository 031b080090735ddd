package dev.godwit.dialect.libsql;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real libSQL server process on a free loopback port with its database in a fresh temp folder; {@link #close()}
 * stops it and deletes the folder. Start one with {@link LibsqlServers#start}.
 */
public final class TestServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final LibsqlServers.Kind kind;
    private final Process process;
    private final int port;
    private final Path dir;
    private final Path log;

    private TestServer(LibsqlServers.Kind kind, Process process, int port, Path dir, Path log) {
        this.kind = kind;
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.log = log;
    }

    /**
     * Starts {@code binary} and waits until it answers HTTP.
     *
     * @param jwtPublicKey sqld only: the Ed25519 public key (raw bytes, URL-safe base64) that tokens must be
     *                     signed with, or {@code null} to run without authentication
     */
    static TestServer start(LibsqlServers.Kind kind, Path binary, String jwtPublicKey) throws IOException {
        Path dir = Files.createTempDirectory("godwit-" + kind.name().toLowerCase() + "-");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = dir.resolve("server-" + attempt + ".log");
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            if (kind == LibsqlServers.Kind.SQLD) {
                command.addAll(List.of("--no-welcome", "--http-listen-addr", "127.0.0.1:" + port,
                        "--db-path", dir.resolve("data.sqld").toString()));
                if (jwtPublicKey != null) {
                    Path keyFile = dir.resolve("jwt.key");
                    Files.writeString(keyFile, jwtPublicKey);
                    command.addAll(List.of("--auth-jwt-key-file", keyFile.toString()));
                }
            } else {
                if (jwtPublicKey != null) {
                    throw new IllegalArgumentException("tursodb --sync-server has no authentication");
                }
                command.addAll(List.of("--sync-server", "127.0.0.1:" + port, dir.resolve("data.db").toString()));
            }
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            TestServer server = new TestServer(kind, process, port, dir, log);
            try {
                server.awaitReady();
                return server;
            } catch (IOException e) {
                server.stopProcess();
                last = e;
            }
        }
        deleteRecursively(dir);
        throw last;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public LibsqlServers.Kind kind() {
        return kind;
    }

    HranaClient client() {
        return client(null);
    }

    HranaClient client(String token) {
        return HranaClient.connect(url(), token, HranaClient.Options.defaults());
    }

    /**
     * Runs one statement (a full-access {@code token}, or {@code null} on a server without auth) and returns its
     * rows as {@code a|b|c} strings, for tests outside this package.
     */
    public List<String> rows(String token, String sql) {
        StatementResult result = client(token).query(HranaStatement.of(sql));
        List<String> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                b.append(i > 0 ? "|" : "").append(row.get(i));
            }
            rows.add(b.toString());
        }
        return rows;
    }

    /** As {@link #rows(String, String)} on a server without auth. */
    public List<String> rows(String sql) {
        return rows(null, sql);
    }

    /** The server's output so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Freezes the server (SIGSTOP): it keeps its port and accepts connections but answers nothing. */
    public void stall() {
        signal("STOP");
    }

    /** Lets a stalled server go on (SIGCONT). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        resume();
        stopProcess();
        deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return kind + " at " + url();
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(kind + " exited with " + process.exitValue() + " on start:\n" + log());
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return; // any HTTP answer (sqld 404, tursodb 404) means it listens
            } catch (IOException e) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + kind, e);
            }
        }
        throw new IOException(kind + " did not answer on port " + port + " within " + STARTUP + ":\n" + log());
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the temp folder is the OS's to clean then
        }
    }
}
