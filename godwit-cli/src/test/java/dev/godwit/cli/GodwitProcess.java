package dev.godwit.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the real CLI as an operating-system process, on the test classpath, the way users run it. */
final class GodwitProcess {
    private GodwitProcess() {
    }

    /** A process builder for {@code godwit ARGS}, with JVM options that keep start-up short. */
    static ProcessBuilder builder(Path workDir, List<String> args) {
        return builder(workDir, List.of(), args);
    }

    /** As {@link #builder(Path, List)}, with more JVM options (e.g. a small {@code -Xmx}). */
    static ProcessBuilder builder(Path workDir, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
                "-cp", classpath(), GodwitCli.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("GODWIT_URL");
        pb.environment().remove("DATABASE_URL");
        pb.environment().remove("GODWIT_DIR");
        return pb;
    }

    /**
     * A process builder for {@code godwit ARGS} whose files cannot grow beyond {@code kib} KiB ({@code ulimit -f},
     * RLIMIT_FSIZE), as on a full disk. sqlite-jdbc unpacks its native library into a temp file on start, which
     * the limit could cut short: it is given one unpacked beforehand into {@code nativeDir}.
     */
    static ProcessBuilder withFileSizeLimit(Path workDir, Path nativeDir, int kib, List<String> args)
            throws java.io.IOException {
        java.nio.file.Files.createDirectories(nativeDir);
        try (java.io.InputStream in = org.sqlite.JDBC.class.getResourceAsStream(
                "/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so")) {
            if (in == null) {
                throw new IllegalStateException("sqlite-jdbc has no Linux x86_64 library");
            }
            java.nio.file.Files.copy(in, nativeDir.resolve("libsqlitejdbc.so"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "ulimit -f " + kib + "; exec \"$@\"", "bash",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.sqlite.lib.path=" + nativeDir, "-Dorg.sqlite.lib.name=libsqlitejdbc.so",
                "-cp", classpath(), GodwitCli.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("GODWIT_URL");
        pb.environment().remove("DATABASE_URL");
        pb.environment().remove("GODWIT_DIR");
        return pb;
    }

    /** The test classpath (main and test classes of both modules and every dependency). */
    static String classpath() {
        String cp = System.getProperty("java.class.path");
        if (cp == null || cp.isBlank()) {
            throw new IllegalStateException("no java.class.path");
        }
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.contains("sqlite-jdbc")) {
                return cp;
            }
        }
        throw new IllegalStateException("the SQLite driver is not on java.class.path: " + cp);
    }
}
