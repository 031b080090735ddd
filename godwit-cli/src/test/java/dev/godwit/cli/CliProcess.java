package dev.godwit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as separate JVM processes ({@code java -cp <test classpath> dev.godwit.cli.GodwitCli ...}), for tests
 * about runners that share nothing but the database.
 */
final class CliProcess {
    private static final long TIMEOUT_SECONDS = 180;

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private CliProcess() {
    }

    /** Starts {@code count} processes with the same arguments at once and waits for all of them. */
    static List<Result> runConcurrently(int count, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path logs = Files.createTempDirectory("godwit-cli-process-");
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath(), GodwitCli.class.getName()));
                command.addAll(List.of(args));
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(logs.resolve(i + ".out").toFile())
                        .redirectError(logs.resolve(i + ".err").toFile());
                builder.environment().keySet().removeIf(k -> k.startsWith("GODWIT_") || k.endsWith("_AUTH_TOKEN")
                        || k.equals("DATABASE_URL"));
                builder.environment().putAll(env);
                processes.add(builder.start());
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Process p = processes.get(i);
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("godwit process " + i + " did not finish within " + TIMEOUT_SECONDS
                            + " s:\n" + Files.readString(logs.resolve(i + ".err")));
                }
                results.add(new Result(p.exitValue(), Files.readString(logs.resolve(i + ".out"), StandardCharsets.UTF_8),
                        Files.readString(logs.resolve(i + ".err"), StandardCharsets.UTF_8)));
            }
            return results;
        } finally {
            processes.forEach(Process::destroyForcibly);
            try (var files = Files.list(logs)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(logs);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Failsafe may start the tests through a manifest-only jar; it publishes the real class path separately. */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }
}
