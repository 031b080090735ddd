package dev.godwit.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sources for migration locations as users write them: a folder ({@code db/migrations}, {@code filesystem:db}) or
 * a folder of the class path ({@code classpath:db/migration}), read from directories and jars alike.
 */
public final class MigrationLocations {
    /** The prefix of class path locations. */
    public static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private MigrationLocations() {
    }

    /**
     * The source of one location.
     *
     * @param location a folder, {@code filesystem:FOLDER} or {@code classpath:FOLDER}
     * @param loader   the class loader that sees class path locations
     * @param warnings hears files a folder leaves out, and why
     */
    public static MigrationSource of(String location, ClassLoader loader, Consumer<String> warnings) {
        return of(location, loader, warnings, MigrationFormats.AUTO, java.util.Map.of());
    }

    /**
     * As {@link #of(String, ClassLoader, Consumer)}, a folder read in the format named ({@code auto}: told from the
     * folder) with these placeholder values; a class path location is read in Godwit's own formats.
     */
    public static MigrationSource of(String location, ClassLoader loader, Consumer<String> warnings, String format,
                                     java.util.Map<String, String> placeholders) {
        Objects.requireNonNull(location, "location");
        if (location.startsWith(CLASSPATH)) {
            String folder = location.substring(CLASSPATH.length());
            return new ClasspathSource(location, folder, loader);
        }
        String folder = location.startsWith(FILESYSTEM) ? location.substring(FILESYSTEM.length()) : location;
        return FolderSource.inFormat(Path.of(folder), warnings, format, placeholders);
    }
}
