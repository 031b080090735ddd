package dev.godwit.maven;

import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.GodwitListener;
import dev.godwit.source.JavaMigrations;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the settings of the library's {@link GodwitConfig}, read from the plugin's
 * {@code <configuration>} in the POM, where a user property {@code -Dgodwit.NAME=...} on the command line wins over
 * the POM. Migrations written in Java are found in the project's compiled classes, loaded with its compile class
 * path. A Godwit failure fails the build ({@link MojoFailureException}) with Godwit's message and next step; bad
 * configuration is a {@link MojoExecutionException}.
 */
abstract class GodwitMojo extends AbstractMojo {
    /** The database: {@code sqlite:target/app.db}, {@code postgres://user@host/db}, {@code libsql://...}. */
    @Parameter(property = "godwit.url")
    String url;

    /** The folder of migration files, when no {@code locations} are given. */
    @Parameter(property = "godwit.migrations", defaultValue = "${project.basedir}/migrations")
    File migrations;

    /**
     * Where migrations are read from, replacing {@code migrations}: folders (relative to the project) and
     * {@code classpath:db/migration} folders on the project's compile class path.
     */
    @Parameter(property = "godwit.locations")
    List<String> locations;

    /** The history table (default {@code godwit_history}). */
    @Parameter(property = "godwit.table")
    String table;

    /** PostgreSQL: the schema of migrations and the history table. */
    @Parameter(property = "godwit.schema")
    String schema;

    /** The folder's format: {@code auto}, {@code godwit}, {@code flyway}, {@code goose}, ... */
    @Parameter(property = "godwit.format")
    String format;

    /** SQLite: the journal mode, e.g. {@code WAL}. */
    @Parameter(property = "godwit.journalMode")
    String journalMode;

    /** Seconds to wait for another runner's lock or a busy database. */
    @Parameter(property = "godwit.lockTimeout")
    Integer lockTimeout;

    /** Values for {@code ${name}} placeholders in migrations. */
    @Parameter
    Map<String, String> placeholders;

    /** Remote libSQL: the bearer token. Never logged. */
    @Parameter(property = "godwit.authToken")
    String authToken;

    /** Server databases: the password when the URL has none. Never logged. */
    @Parameter(property = "godwit.password")
    String password;

    /** Look for Java migrations in the project's compiled classes (default true). */
    @Parameter(property = "godwit.javaMigrations", defaultValue = "true")
    boolean javaMigrations;

    /**
     * A single-row version table ({@code schema_version}) to adopt a database from when history is empty, and to keep
     * at the newest applied version (the CLI's {@code --version-table}).
     */
    @Parameter(property = "godwit.versionTable")
    String versionTable;

    /** SQLite: loadable extensions loaded into every connection (the CLI's {@code --load-extension}). */
    @Parameter
    List<File> loadExtensions;

    /** Skips the goal. */
    @Parameter(property = "godwit.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || Boolean.parseBoolean(userProperty("skip", "false"))) {
            getLog().info("godwit: skipped");
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = projectClassLoader()) {
            thread.setContextClassLoader(loader);
            registerDrivers(loader);
            run(loader);
        } catch (GodwitException e) {
            String text = describe(e);
            if (e.code() == ErrorCode.CONFIGURATION || e.code() == ErrorCode.USAGE) {
                throw new MojoExecutionException(text, e);
            }
            throw new MojoFailureException(text, e);
        } catch (IOException e) {
            throw new MojoExecutionException("godwit: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Loads the drivers that find themselves through {@link java.sql.DriverManager}: it lists a driver only once the
     * driver's class is initialized, and Maven may have initialized the manager before this plugin's realm existed.
     */
    private static void registerDrivers(ClassLoader loader) {
        for (String driver : List.of("org.postgresql.Driver", "org.sqlite.JDBC")) {
            try {
                Class.forName(driver, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // not on the class path: that engine is not used
            }
        }
    }

    /** Runs the goal on a {@link Godwit} made from the configuration. */
    void run(ClassLoader loader) throws MojoExecutionException, MojoFailureException {
        run(Godwit.create(config(loader)));
    }

    /** The goal's work, through the library's public API. */
    abstract void run(Godwit godwit) throws MojoExecutionException, MojoFailureException;

    /** Godwit's message, its problems and its next step, as the build's failure. */
    static String describe(GodwitException e) {
        StringBuilder text = new StringBuilder("godwit: ").append(e.getMessage());
        for (String problem : e.problems()) {
            text.append("\n  ").append(problem);
        }
        if (e.hint() != null && !e.hint().isBlank()) {
            text.append("\nhint: ").append(e.hint());
        }
        return text.toString();
    }

    /** A user property {@code godwit.NAME} from the command line wins over the POM's configuration. */
    String userProperty(String name, String configured) {
        Properties user = session == null ? new Properties() : session.getUserProperties();
        String value = user.getProperty("godwit." + name);
        return value != null ? value : configured;
    }

    GodwitConfig config(ClassLoader loader) throws MojoExecutionException {
        GodwitConfig.Builder builder = GodwitConfig.builder()
                .url(userProperty("url", url))
                .classLoader(loader)
                .listener(new LogListener(getLog()));
        ifGiven("table", table, builder::table);
        ifGiven("schema", schema, builder::schema);
        ifGiven("format", format, builder::format);
        ifGiven("journalMode", journalMode, builder::journalMode);
        ifGiven("authToken", authToken, builder::authToken);
        ifGiven("password", password, builder::password);
        ifGiven("versionTable", versionTable, builder::versionTable);
        if (loadExtensions != null) {
            loadExtensions.forEach(f -> builder.sqliteExtension(f.toPath()));
        }
        String timeout = userProperty("lockTimeout", lockTimeout == null ? null : lockTimeout.toString());
        if (timeout != null) {
            try {
                builder.lockTimeout(Duration.ofSeconds(Long.parseLong(timeout.strip())));
            } catch (NumberFormatException e) {
                throw new MojoExecutionException("godwit: lockTimeout must be a number of seconds, not '" + timeout
                        + "'\nhint: set <lockTimeout>30</lockTimeout> or -Dgodwit.lockTimeout=30");
            }
        }
        if (placeholders != null) {
            builder.placeholders(placeholders);
        }
        builder.migrations(migrationsFolder());
        String given = userProperty("locations", null);
        List<String> where = given != null ? List.of(given.split(",")) : locations;
        if (where != null && !where.isEmpty()) {
            builder.locations(where.stream().map(String::strip).map(this::location).toArray(String[]::new));
        }
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        if (javaMigrations && Files.isDirectory(classes)) {
            builder.source(JavaMigrations.onClassPath(List.of(classes), loader));
        }
        return builder.build();
    }

    /** Sets a setting only when the POM or the command line gives it, leaving the library's default otherwise. */
    private void ifGiven(String name, String configured, Consumer<String> setter) {
        String value = userProperty(name, configured);
        if (value != null && !value.isBlank()) {
            setter.accept(value.strip());
        }
    }

    /** The folder of migration files: {@code -Dgodwit.migrations} (relative to the project), else the POM's. */
    Path migrationsFolder() {
        String folder = userProperty("migrations", null);
        return folder != null ? resolve(folder) : migrations.toPath();
    }

    /** A folder location relative to the project's base directory; class path locations as given. */
    private String location(String value) {
        if (value.startsWith("classpath:")) {
            return value;
        }
        String path = value.startsWith("filesystem:") ? value.substring("filesystem:".length()) : value;
        return "filesystem:" + resolve(path);
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : project.getBasedir().toPath().resolve(p);
    }

    /** The project's compile class path (its classes, resources and dependencies), over the plugin's own classes. */
    private URLClassLoader projectClassLoader() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getCompileClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("godwit: cannot read the project's compile class path: "
                    + e.getMessage(), e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
    }

    /** Godwit's progress as build output. */
    private record LogListener(org.apache.maven.plugin.logging.Log log) implements GodwitListener {
        @Override
        public void warning(String message) {
            log.warn(message);
        }

        @Override
        public void info(String message) {
            log.info(message);
        }
    }
}
