package dev.godwit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Unpacks sqlite-jdbc's native library for this platform once into a folder, so that later starts load it from
 * there ({@code -Dorg.sqlite.lib.path}/{@code -Dorg.sqlite.lib.name}) instead of writing a copy into the temporary
 * folder on every start (measured: about 0.1 s of a {@code status} on this machine). The {@code ./godwit} launcher
 * runs it once per build: {@code java -cp godwit.jar dev.godwit.cli.NativeLibraryCache DIR}; it prints the file
 * name, or exits 1 when the jar has no library for this platform (the driver then unpacks as usual).
 */
final class NativeLibraryCache {
    private NativeLibraryCache() {
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        String name = System.mapLibraryName("sqlitejdbc");
        // The driver is a runtime dependency of the CLI: ask it for its folder of this platform reflectively.
        Object folder = Class.forName("org.sqlite.util.OSInfo").getMethod("getNativeLibFolderPathForCurrentOS")
                .invoke(null);
        String resource = "/org/sqlite/native/" + folder + "/" + name;
        Path dir = Files.createDirectories(Path.of(args[0]));
        try (InputStream in = NativeLibraryCache.class.getResourceAsStream(resource)) {
            if (in == null) {
                System.exit(1);
            }
            Path partial = Files.createTempFile(dir, name, ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println(name);
    }
}
