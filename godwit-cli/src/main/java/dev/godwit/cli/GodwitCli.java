package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.StopSignal;
import dev.godwit.source.JavaMigrations;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code godwit}: the command-line tool. Thin: it parses options, builds a {@link GodwitConfig} and calls the
 * library; {@link GodwitException}s become messages and exit codes (0 ok, 1 migration or validation failed,
 * 2 something to fix before anything can run, found before any change, 3 locked or busy).
 */
@Command(name = "godwit", mixinStandardHelpOptions = true, versionProvider = GodwitCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Versions a database's schema with migration files: applies them forward and back, records "
                + "what ran, and never leaves a database half-migrated.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success (including nothing to do)",
                "  1  a migration or validation failed, or the database failed during the run;",
                "     lint found something at --fail-on; drift found objects changed by hand",
                "  2  something to fix before anything can run, found before any change: usage,",
                "     configuration, a migration file, a refused plan or confirmation, a database that",
                "     cannot be reached, refuses the login, is not a database or is read-only",
                "  3  database locked or busy past the timeout",
                "  130/143  stopped by SIGINT/SIGTERM: the migration in flight rolled back, the lock released"})
public final class GodwitCli implements Runnable {
    /**
     * The commands, in the order the usage lists them, by the names and aliases they answer to (their
     * {@code @Command} annotations say the same: CommandNamesTest). Registered with picocli in {@link #commandLine}.
     */
    static final Map<String, Class<?>> COMMANDS = commands(
            StatusCommand.class, "status", "info", "list", "migrate:status", UpCommand.class, "up", "migrate",
            "migrate:up", DownCommand.class, "down", "rollback", "migrate:down", ValidateCommand.class, "validate",
            NewCommand.class, "new", "create", "migrate:create", LintCommand.class, "lint",
            DriftCommand.class, "drift", ReportCommand.class, "report", BaselineCommand.class, "baseline",
            ImportCommand.class, "import", RestoreCommand.class, "restore", RepairCommand.class, "repair",
            UnlockCommand.class, "unlock", ConfigCommand.class, "config", InitCommand.class, "init",
            CommandLine.HelpCommand.class, "help");

    @Mixin
    GlobalOptions global = new GlobalOptions();

    final Map<String, String> env;
    /** Set by SIGINT/SIGTERM (see {@link Stopping}); runs stop between migrations and say what they did. */
    final StopSignal stop = new StopSignal();
    final PrintStream out;
    final PrintStream err;
    private final java.io.InputStream in;
    private final boolean interactive;
    /** Where godwit.toml is looked for (and its parents). */
    final Path cwd;
    private Settings settings;
    private ClassLoader javaClassLoader;
    private Settings baseSettings;

    GodwitCli(Map<String, String> env, Path cwd, PrintStream out, PrintStream err, InputStream in,
              boolean interactive) {
        this.env = env;
        this.cwd = cwd.toAbsolutePath().normalize();
        this.out = out;
        this.err = err;
        this.in = in;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        GodwitCli cli = new GodwitCli(System.getenv(), Path.of(""), System.out, System.err, System.in,
                System.console() != null);
        Stopping.install(cli.stop, System.err);
        System.exit(cli.execute(args));
    }

    /** Runs the CLI as {@code main} would, without exiting and without signal handlers; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                          InputStream in, boolean interactive) {
        return run(args, env, Path.of(""), out, err, in, interactive);
    }

    /** As {@link #run(String[], Map, PrintStream, PrintStream, InputStream, boolean)}, in working directory {@code cwd}. */
    public static int run(String[] args, Map<String, String> env, Path cwd, PrintStream out, PrintStream err,
                          InputStream in, boolean interactive) {
        return new GodwitCli(env, cwd, out, err, in, interactive).execute(args);
    }

    private int execute(String[] args) {
        if (onlyVersion(args)) {
            return printVersion();
        }
        GodwitCli cli = this;
        PrintStream out = this.out;
        PrintStream err = this.err;
        CommandLine cmd = commandLine(cli, args);
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
        listCommandOptions(cmd);
        cmd.setExecutionStrategy(parseResult -> {
            cli.configureLogging();
            if (cli.global.json) {
                Integer answered = cli.helpAsJson(parseResult);
                if (answered != null) {
                    return answered;
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> cli.report(ex));
        cmd.setParameterExceptionHandler((ex, given) -> {
            String command = ex.getCommandLine() == cmd ? "godwit" : "godwit " + ex.getCommandLine().getCommandName();
            GodwitException usage = new GodwitException(ErrorCode.USAGE, ex.getMessage(),
                    NewCommand.optionLikeName(ex, given)
                            .orElse(CommandOptionsFirst.whereKnown(commandLine(cli, null), ex) + "see '" + command
                                    + " --help'"));
            if (java.util.Arrays.asList(given).contains("--json")) {
                Json.printError(out, usage);
            }
            err.println("godwit: " + usage.getMessage());
            err.println("  hint: " + usage.hint());
            return usage.code().exitCode();
        });
        return cmd.execute(CommandOptionsFirst.reorder(cmd, args));
    }

    /**
     * The command model for {@code args}: the root and only the command they run, when the first argument that is
     * not a global option (or its value) names one; every command otherwise ({@code args} null, no command, an
     * unknown one, {@code help}). Picocli builds a command's model by reflection when it is registered, and on
     * JDK 17 its classes cannot go into the class-data archive: building all sixteen was a third of a no-op
     * {@code up}'s main thread. The arguments parse the same either way, since a command not named in them takes
     * no part in parsing them.
     */
    static CommandLine commandLine(GodwitCli cli, String[] args) {
        CommandLine cmd = new CommandLine(cli);
        Class<?> only = args == null ? null : invoked(cmd.getCommandSpec(), args);
        if (only == CommandLine.HelpCommand.class) {
            only = null; // 'godwit help COMMAND' describes the others
        }
        for (Class<?> command : new java.util.LinkedHashSet<>(COMMANDS.values())) {
            if (only == null || command == only) {
                cmd.addSubcommand(command);
            }
        }
        return cmd;
    }

    /** The command the first argument that is not a global option names, or null. */
    private static Class<?> invoked(CommandLine.Model.CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--") || !arg.startsWith("-") || arg.equals("-")) {
                return COMMANDS.get(arg);
            }
            int eq = arg.indexOf('=');
            CommandLine.Model.OptionSpec option = root.findOption(eq > 0 ? arg.substring(0, eq) : arg);
            if (option != null && eq < 0 && option.arity().min() >= 1) {
                i++; // its value
            }
        }
        return null;
    }

    private static Map<String, Class<?>> commands(Object... classesAndNames) {
        Map<String, Class<?>> byName = new java.util.LinkedHashMap<>();
        Class<?> current = null;
        for (Object o : classesAndNames) {
            if (o instanceof Class<?> c) {
                current = c;
            } else {
                byName.put((String) o, current);
            }
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    /**
     * {@code godwit --version} alone, as picocli's version help prints it, without building the command model: on
     * JDK 17 picocli's classes (class file version 49) cannot go into the class-data-sharing archive, and loading
     * them and reading the annotations was most of this command's time (measured: 0.29 -> 0.10 s CPU).
     */
    /** {@code --version} (or {@code -V}), alone or with {@code -q}/{@code --quiet}, which do not change its output. */
    private static boolean onlyVersion(String[] args) {
        boolean version = false;
        for (String a : args) {
            if (a.equals("--version") || a.equals("-V")) {
                version = true;
            } else if (!a.equals("-q") && !a.equals("--quiet")) {
                return false;
            }
        }
        return version;
    }

    private int printVersion() {
        try {
            for (String line : new Version().getVersion()) {
                out.println(line);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.flush();
        return 0;
    }

    /** Bare {@code godwit}: the usage, exit 0 (as {@code godwit --help}; with {@code --json} as a document). */
    @Override
    public void run() {
        CommandLine cmd = commandLine(this, null);
        listCommandOptions(cmd);
        if (global.json) {
            Json.print(out, Json.usage("godwit", cmd.getUsageMessage(CommandLine.Help.Ansi.OFF)));
        } else {
            cmd.usage(out);
        }
    }

    /**
     * With {@code --json}, {@code --version} and {@code --help} keep stdout's promise of exactly one JSON document:
     * the version as fields, the usage text as one field. Returns the exit code, or null when neither was asked.
     */
    private Integer helpAsJson(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult asked = parseResult;
        while (asked.hasSubcommand() && !asked.isUsageHelpRequested() && !asked.isVersionHelpRequested()) {
            asked = asked.subcommand();
        }
        CommandLine command = asked.commandSpec().commandLine();
        if (asked.isVersionHelpRequested()) {
            try {
                Json.print(out, Json.version(new Version().getVersion()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return 0;
        }
        if (asked.isUsageHelpRequested()) {
            Json.print(out, Json.usage(asked.commandSpec().qualifiedName(),
                    command.getUsageMessage(CommandLine.Help.Ansi.OFF)));
            return 0;
        }
        if (command.getCommand() instanceof CommandLine.HelpCommand) { // godwit help [COMMAND]
            CommandLine root = command.getParent();
            List<String> names = asked.matchedPositionals().stream().flatMap(p -> p.stringValues().stream())
                    .toList();
            CommandLine about = names.isEmpty() ? root : root.getSubcommands().get(names.get(0));
            if (about != null) {
                Json.print(out, Json.usage(about.getCommandSpec().qualifiedName(),
                        about.getUsageMessage(CommandLine.Help.Ansi.OFF)));
                return 0;
            }
        }
        return null;
    }

    /**
     * Adds a section to the root usage that lists each command's own options, generated from the commands, so that
     * {@code godwit --help} names every option there is.
     */
    private static void listCommandOptions(CommandLine cmd) {
        String key = "commandOptions";
        cmd.getHelpSectionMap().put(key, help -> commandOptions(cmd));
        java.util.List<String> keys = new java.util.ArrayList<>(cmd.getHelpSectionKeys());
        keys.remove(key);
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST) + 1, key);
        cmd.setHelpSectionKeys(keys);
    }

    private static String commandOptions(CommandLine cmd) {
        StringBuilder text = new StringBuilder(String.format("%nCommand options (details: godwit COMMAND --help):%n"));
        java.util.Set<CommandLine> seen = new java.util.LinkedHashSet<>(cmd.getSubcommands().values());
        for (CommandLine sub : seen) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            java.util.List<String> words = new java.util.ArrayList<>();
            spec.positionalParameters().forEach(p -> words.add("[" + p.paramLabel() + "]"));
            for (CommandLine.Model.OptionSpec o : spec.options()) {
                if (o.inherited() || o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                words.add(o.longestName() + (o.arity().max() > 0 ? " " + o.paramLabel() : ""));
            }
            if (words.isEmpty() || spec.name().equals("help")) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("  %-9s", spec.name()));
            for (String word : words) {
                if (line.length() + word.length() > 78) {
                    text.append(line.toString().stripTrailing()).append(String.format("%n"));
                    line = new StringBuilder(" ".repeat(11));
                }
                line.append(word).append("  ");
            }
            text.append(line.toString().stripTrailing()).append(String.format("%n"));
        }
        return text.toString();
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
                err.println("  hint: " + CliWords.render(g.hint()));
            }
            if (global.verbose && g.getCause() != null) {
                g.getCause().printStackTrace(err);
            }
            return g.code() == ErrorCode.STOPPED ? Stopping.exitCode(stop) : g.code().exitCode();
        }
        err.println("godwit: internal error: " + ex);
        ex.printStackTrace(err);
        return 1;
    }

    /** The loader of --classpath, made once per invocation (it stays open: the process ends after the command). */
    private ClassLoader javaClassLoader() {
        if (javaClassLoader == null) {
            java.net.URL[] urls = new java.net.URL[global.classpath.size()];
            for (int i = 0; i < urls.length; i++) {
                java.nio.file.Path p = global.classpath.get(i);
                if (!java.nio.file.Files.exists(p)) {
                    throw new GodwitException(ErrorCode.CONFIGURATION, "--classpath " + p + " does not exist",
                            "give a jar or a folder of compiled classes");
                }
                try {
                    urls[i] = p.toUri().toURL();
                } catch (java.net.MalformedURLException e) {
                    throw new GodwitException(ErrorCode.CONFIGURATION, "--classpath " + p + ": " + e.getMessage(),
                            "give a jar or a folder of compiled classes", e);
                }
            }
            javaClassLoader = new java.net.URLClassLoader(urls, GodwitCli.class.getClassLoader());
        }
        return javaClassLoader;
    }

    /** The configuration for a command that needs a database. */
    GodwitConfig config(CliListener listener) {
        return configBuilder(listener).build();
    }

    /** The configuration for a command that needs a database, for the command to add to. */
    GodwitConfig.Builder configBuilder(CliListener listener) {
        Settings s = settings();
        GodwitConfig.Builder builder = GodwitConfig.builder();
        if (global.classpath != null && !global.classpath.isEmpty()) {
            ClassLoader loader = javaClassLoader();
            builder.classLoader(loader).source(JavaMigrations.onClassPath(global.classpath, loader));
        }
        return builder
                .url(s.string(SettingKey.URL))
                .migrations(migrationsDir())
                .table(s.string(SettingKey.TABLE))
                .format(s.string(SettingKey.FORMAT))
                .placeholders(placeholders(s))
                .sqliteExtensions(extensions(s))
                .versionTable(s.string(SettingKey.VERSION_TABLE))
                .schema(s.values().get(SettingKey.SCHEMA).source().equals("default") ? null : s.string(SettingKey.SCHEMA))
                .journalMode(s.values().get(SettingKey.JOURNAL_MODE).source().equals("default") ? null
                        : s.string(SettingKey.JOURNAL_MODE))
                .lockTimeout(Duration.ofSeconds(s.integer(SettingKey.LOCK_TIMEOUT)))
                .requestTimeout(Duration.ofSeconds(s.integer(SettingKey.REQUEST_TIMEOUT)))
                .authToken(s.string(SettingKey.AUTH_TOKEN))
                .password(s.env().get("PGPASSWORD"))
                .stopSignal(stop)
                .listener(listener);
    }

    /** The SQLite extensions to load: --load-extension, or else godwit.toml's load-extension. */
    private static List<java.nio.file.Path> extensions(Settings s) {
        Object value = s.value(SettingKey.LOAD_EXTENSION);
        return value instanceof List<?> list ? list.stream().map(p -> java.nio.file.Path.of(p.toString())).toList()
                : List.of();
    }

    /** godwit.toml's [placeholders], with the command line's {@code --placeholder NAME=VALUE} over them. */
    private java.util.Map<String, String> placeholders(Settings s) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        Object fromFile = s.value(SettingKey.PLACEHOLDERS);
        if (fromFile instanceof java.util.Map<?, ?> m) {
            m.forEach((k, v) -> all.put(k.toString(), String.valueOf(v)));
        }
        if (global.placeholders != null) {
            all.putAll(global.placeholders);
        }
        return all;
    }

    /**
     * The effective settings (command line, environment, .env, godwit.toml, defaults) of the one database this
     * command runs on (the one {@code --db} names, if given), resolved on first use; bad configuration throws
     * before any database is opened.
     */
    Settings settings() {
        if (settings == null) {
            List<String> names = global.databases == null ? List.of() : global.databases;
            if (names.size() > 1) {
                throw new GodwitException(ErrorCode.USAGE, "this command runs on one database; --db was given "
                        + names.size() + " times", "give one --db NAME (status and up take several, and --all)");
            }
            List<Databases.Target> targets = Databases.select(this, false);
            if (targets != null) {
                Databases.Target t = targets.get(0);
                if (t.skipped() != null) {
                    throw new GodwitException(ErrorCode.CONFIGURATION, "database " + t.name() + " is "
                            + t.skipped(), "create it first, or run from the folder of the project it belongs to");
                }
                useDatabase(t);
            } else {
                Settings base = baseSettings();
                if (base.file() != null && !base.file().databases().isEmpty() && base.string(SettingKey.URL) == null) {
                    throw new GodwitException(ErrorCode.USAGE, base.file().file() + " configures several databases ("
                            + String.join(", ", base.file().databases().keySet()) + ") and no default one",
                            "choose with --db NAME, or --all (status, up)");
                }
                settings = base;
            }
        }
        return settings;
    }

    /** The settings without any [databases.NAME] block: the top of godwit.toml and what overrides it. */
    Settings baseSettings() {
        if (baseSettings == null) {
            baseSettings = Settings.resolve(commandLine(), env);
        }
        return baseSettings;
    }

    /** From now on, run on this database (commands that take several call this for each in turn). */
    void useDatabase(Databases.Target target) {
        settings = Settings.resolve(commandLine(), env, target.section(), target.url());
    }

    private Settings.CommandLine commandLine() {
        String home = env.get("HOME");
        return new Settings.CommandLine(global, cwd,
                Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home));
    }

    Path migrationsDir() {
        return Path.of(settings().string(SettingKey.DIR));
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
