package dev.godwit.source;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.migration.Checksum;
import dev.godwit.migration.Directives;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.JavaBody;
import dev.godwit.migration.JavaMigration;
import dev.godwit.migration.Migration;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.Version;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Migrations written in Java ({@link JavaMigration}): registered in code with {@link #of}, or found in a package on
 * the class path with {@link #inPackage} (in directories and in jars, nested jars of a Spring Boot fat jar
 * included: the jar URLs are read through the URL handlers the class loader gives). Knows no database.
 */
public final class JavaMigrations implements MigrationSource {
    private static final String CLASS = ".class";

    private final String location;
    private final Finder finder;

    @FunctionalInterface
    private interface Finder {
        List<JavaMigration> find(FileProblems problems);
    }

    private JavaMigrations(String location, Finder finder) {
        this.location = location;
        this.finder = finder;
    }

    /**
     * Migrations registered in code.
     *
     * @param migrations the migrations
     * @return their source
     */
    public static JavaMigrations of(JavaMigration... migrations) {
        return of(List.of(migrations));
    }

    /**
     * Migrations registered in code.
     *
     * @param migrations the migrations
     * @return their source
     */
    public static JavaMigrations of(List<? extends JavaMigration> migrations) {
        List<JavaMigration> copy = List.copyOf(migrations);
        return new JavaMigrations("Java migrations registered in code", problems -> copy);
    }

    /**
     * The concrete classes implementing {@link JavaMigration} with a public no-argument constructor in
     * {@code packageName} (and the packages under it), as {@code loader} sees them.
     *
     * @param packageName e.g. {@code com.example.db}
     * @param loader the class loader that sees the package
     * @return their source
     */
    public static JavaMigrations inPackage(String packageName, ClassLoader loader) {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(loader, "loader");
        return new JavaMigrations("classpath:" + packageName.replace('.', '/') + " (Java)",
                problems -> scan(packageName, loader, problems));
    }

    /**
     * Every concrete {@link JavaMigration} class with a public no-argument constructor in the given jars and class
     * folders (all packages), loaded through {@code loader} (which must see them: the CLI's {@code --classpath}).
     *
     * @param entries jars and class folders
     * @param loader a class loader that sees them
     * @return their source
     */
    public static JavaMigrations onClassPath(List<Path> entries, ClassLoader loader) {
        List<Path> copy = List.copyOf(entries);
        Objects.requireNonNull(loader, "loader");
        return new JavaMigrations(String.join(", ", copy.stream().map(Path::toString).toList()) + " (Java)",
                problems -> {
                    TreeSet<String> names = new TreeSet<>();
                    for (Path entry : copy) {
                        try {
                            if (Files.isDirectory(entry)) {
                                try (Stream<Path> files = Files.walk(entry)) {
                                    files.filter(f -> f.getFileName().toString().endsWith(CLASS)).forEach(f -> names
                                            .add(className(entry.relativize(f).toString().replace('\\', '/'))));
                                }
                            } else {
                                try (JarFile jar = new JarFile(entry.toFile())) {
                                    jar.stream().map(JarEntry::getName)
                                            .filter(n -> n.endsWith(CLASS) && !n.startsWith("META-INF/"))
                                            .forEach(n -> names.add(className(n)));
                                }
                            }
                        } catch (IOException e) {
                            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot read " + entry + ": "
                                    + e.getMessage(), "give a jar or a folder of compiled classes", e);
                        }
                    }
                    return instantiate(names, loader, problems, false);
                });
    }

    @Override
    public String describe() {
        return location;
    }

    @Override
    public MigrationSet load() {
        FileProblems problems = new FileProblems();
        List<Migration> read = new ArrayList<>();
        for (JavaMigration m : finder.find(problems)) {
            String script = "java:" + m.getClass().getName();
            Version version;
            try {
                version = Version.parse(m.version());
            } catch (GodwitException | NullPointerException e) {
                problems.add(script, 0, "version '" + m.version() + "' is not a version",
                        "return digits from version(), e.g. \"2\" or \"20250101000002\"");
                continue;
            }
            String declared = m.checksum();
            String fingerprint = declared != null ? "declared:" + declared : "class:" + classHash(m.getClass());
            // without a transaction: run as SQL '-- godwit:no-transaction' migrations are (history row first)
            Directives directives = m.transactional() ? Directives.NONE : new Directives(true, false);
            JavaBody up = new JavaBody(script, m, true, directives, fingerprint);
            JavaBody down = overridesDown(m.getClass())
                    ? new JavaBody(script, m, false, directives, fingerprint) : null;
            String description = m.description() == null || m.description().isBlank() ? m.getClass().getSimpleName()
                    : m.description().strip();
            read.add(new Migration(version, description, script, up, down, Checksum.of(fingerprint)));
        }
        java.util.Map<Version, String> first = new java.util.HashMap<>();
        List<Migration> kept = new ArrayList<>();
        for (Migration m : read) {
            String previous = first.putIfAbsent(m.version(), m.script());
            if (previous != null) {
                problems.add(m.script(), 0, "version " + m.version() + " is used twice: also by " + previous,
                        "give each migration its own version");
            } else {
                kept.add(m);
            }
        }
        return new MigrationSet(location, kept, problems);
    }

    private static boolean overridesDown(Class<?> type) {
        try {
            return type.getMethod("down", JavaMigration.Context.class).getDeclaringClass() != JavaMigration.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** SHA-256 of the class file's bytes; of its name when the class file cannot be read (a generated class). */
    private static String classHash(Class<?> type) {
        byte[] bytes;
        ClassLoader loader = type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : type.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + CLASS)) {
            bytes = in == null ? type.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8) : in.readAllBytes();
        } catch (IOException e) {
            bytes = type.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static List<JavaMigration> scan(String packageName, ClassLoader loader, FileProblems problems) {
        String path = packageName.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    Path dir = Path.of(root.toURI());
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(f -> f.getFileName().toString().endsWith(CLASS)).forEach(f -> names.add(
                                className(path + "/" + dir.relativize(f).toString().replace('\\', '/'))));
                    }
                } else {
                    URLConnection connection = root.openConnection();
                    if (!(connection instanceof JarURLConnection jarConnection)) {
                        problems.add("classpath:" + path, 0, "cannot list " + root, "put the migrations in a "
                                + "directory or a jar on the class path");
                        continue;
                    }
                    jarConnection.setUseCaches(false);
                    try (JarFile jar = jarConnection.getJarFile()) {
                        String prefix = jarConnection.getEntryName() == null ? path + "/"
                                : jarConnection.getEntryName().replaceAll("/?$", "/");
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            String name = entries.nextElement().getName();
                            if (name.startsWith(prefix) && name.endsWith(CLASS)) {
                                names.add(className(path + "/" + name.substring(prefix.length())));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot list Java migrations in package "
                    + packageName + ": " + e.getMessage(), "check the class path", e);
        }
        return instantiate(names, loader, problems, true);
    }

    /**
     * @param strict whether a class that cannot be loaded is a problem (a migrations package) or is passed over
     *               (a whole jar, whose other classes may need libraries that are not here)
     */
    private static List<JavaMigration> instantiate(TreeSet<String> names, ClassLoader loader, FileProblems problems,
                                                   boolean strict) {
        List<JavaMigration> found = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith("module-info") || name.endsWith("package-info")) {
                continue;
            }
            if (name.contains("$") && Character.isDigit(name.charAt(name.lastIndexOf('$') + 1))) {
                continue; // anonymous and local classes
            }
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                if (strict) {
                    problems.add(name, 0, "cannot load the class: " + e, "check the class path");
                }
                continue;
            }
            if (!JavaMigration.class.isAssignableFrom(type) || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor();
                found.add((JavaMigration) constructor.newInstance());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                problems.add("java:" + name, 0, "cannot create the migration: " + e,
                        "give it a public constructor without arguments");
            }
        }
        return found;
    }

    private static String className(String resource) {
        return resource.substring(0, resource.length() - CLASS.length()).replace('/', '.');
    }
}
