package dev.godwit.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the real CLI entry point in-process with captured output. */
final class Cli {
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(Map<String, String> env, String... args) {
        return runWithInput(env, "", args);
    }

    static Result runWithInput(Map<String, String> env, String stdin, String... args) {
        return run(env, stdin, false, args);
    }

    /** As if on a terminal: commands that ask read their answer from {@code stdin}. */
    static Result runOnTerminal(Map<String, String> env, String stdin, String... args) {
        return run(env, stdin, true, args);
    }

    /** In working directory {@code cwd} (where godwit.toml is looked for), without a terminal. */
    static Result runIn(java.nio.file.Path cwd, Map<String, String> env, String... args) {
        return run(cwd, env, "", false, args);
    }

    private static Result run(Map<String, String> env, String stdin, boolean interactive, String... args) {
        return run(java.nio.file.Path.of(""), env, stdin, interactive, args);
    }

    private static Result run(java.nio.file.Path cwd, Map<String, String> env, String stdin, boolean interactive,
                              String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = GodwitCli.run(args, env, cwd, o, e, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    interactive);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
