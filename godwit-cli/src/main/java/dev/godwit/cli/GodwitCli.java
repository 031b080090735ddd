package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code godwit}: the command-line tool. Thin: it parses options, builds a {@link GodwitConfig} and calls the
 * library; {@link GodwitException}s become messages and exit codes (0 ok, 1 migration or validation failed,
 * 2 usage/configuration/file error before any change, 3 locked or busy).
 */
@Command(name = "godwit", mixinStandardHelpOptions = true, versionProvider = GodwitCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Versions a database's schema with migration files: applies them forward and back, records "
                + "what ran, and never leaves a database half-migrated.",
        subcommands = {StatusCommand.class, UpCommand.class, DownCommand.class, ValidateCommand.class,
                NewCommand.class, BaselineCommand.class, RestoreCommand.class, RepairCommand.class,
                UnlockCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success (including nothing to do)",
                "  1  a migration or validation failed",
                "  2  usage, configuration or migration-file error found before any change, or a confirmation not given",
                "  3  database locked or busy past the timeout"})
public final class GodwitCli implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    private final java.io.InputStream in;
    private final boolean interactive;

    GodwitCli(Map<String, String> env, PrintStream out, PrintStream err, InputStream in, boolean interactive) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, System.in, System.console() != null));
    }

    /** Runs the CLI as {@code main} would, without exiting; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                          InputStream in, boolean interactive) {
        GodwitCli cli = new GodwitCli(env, out, err, in, interactive);
        CommandLine cmd = new CommandLine(cli);
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
        cmd.setExecutionStrategy(parseResult -> {
            cli.configureLogging();
            return new CommandLine.RunLast().execute(parseResult);
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> cli.report(ex));
        cmd.setParameterExceptionHandler((ex, given) -> {
            String command = ex.getCommandLine() == cmd ? "godwit" : "godwit " + ex.getCommandLine().getCommandName();
            GodwitException usage = new GodwitException(ErrorCode.USAGE, ex.getMessage(),
                    NewCommand.optionLikeName(ex, given).orElse("see '" + command + " --help'"));
            if (java.util.Arrays.asList(given).contains("--json")) {
                Json.printError(out, usage);
            }
            err.println("godwit: " + usage.getMessage());
            err.println("  hint: " + usage.hint());
            return usage.code().exitCode();
        });
        return cmd.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    InputStream in() {
        return in;
    }

    boolean interactive() {
        return interactive;
    }

    private void configureLogging() {
        if (global.verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }

    /** Prints an error (and, with --json, an error document on stdout); returns its exit code. */
    int report(Exception ex) {
        if (ex instanceof GodwitException g) {
            if (global.json) {
                Json.printError(out, g);
            }
            err.println("godwit: error: " + g.getMessage());
            if (!g.hint().isBlank()) {
                err.println("  hint: " + g.hint());
            }
            if (global.verbose && g.getCause() != null) {
                g.getCause().printStackTrace(err);
            }
            return g.code().exitCode();
        }
        err.println("godwit: internal error: " + ex);
        ex.printStackTrace(err);
        return 1;
    }

    /** The configuration for a command that needs a database. */
    GodwitConfig config(CliListener listener) {
        return configBuilder(listener).build();
    }

    /** The configuration for a command that needs a database, for the command to add to. */
    GodwitConfig.Builder configBuilder(CliListener listener) {
        return GodwitConfig.builder()
                .url(url())
                .migrations(migrationsDir())
                .table(global.table == null ? GodwitConfig.DEFAULT_TABLE : global.table)
                .schema(global.schema)
                .journalMode(global.journalMode)
                .lockTimeout(Duration.ofSeconds(global.lockTimeoutSeconds == null ? 60 : global.lockTimeoutSeconds))
                .authToken(authToken())
                .password(env.get("PGPASSWORD"))
                .listener(listener);
    }

    Path migrationsDir() {
        if (global.dir != null) {
            return Path.of(global.dir);
        }
        String fromEnv = env.get("GODWIT_DIR");
        return Path.of(fromEnv == null || fromEnv.isBlank() ? "migrations" : fromEnv);
    }

    String url() {
        if (global.url != null) {
            return global.url;
        }
        String u = env.get("GODWIT_URL");
        if (u == null || u.isBlank()) {
            u = env.get("DATABASE_URL");
        }
        return u;
    }

    String authToken() {
        if (global.authToken != null) {
            return global.authToken;
        }
        for (String name : new String[] {"GODWIT_AUTH_TOKEN", "LIBSQL_AUTH_TOKEN", "TURSO_AUTH_TOKEN"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    CliListener listener() {
        return new CliListener(err, global.quiet, global.verbose);
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream s = GodwitCli.class.getResourceAsStream("/godwit-version.properties")) {
                if (s != null) {
                    p.load(s);
                }
            }
            return new String[] {"godwit " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
