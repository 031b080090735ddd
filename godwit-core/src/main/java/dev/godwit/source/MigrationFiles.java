package dev.godwit.source;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes new migration files. */
public final class MigrationFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private MigrationFiles() {
    }

    /** Reduces a user-given name to {@code [a-z0-9_]}; fails when nothing is left. */
    public static String sanitise(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (s.isEmpty()) {
            throw new GodwitException(ErrorCode.USAGE, "migration name '" + name + "' has no letters or digits",
                    "name the migration by what it does, e.g. 'godwit new add_users_table'");
        }
        return s;
    }

    /**
     * Creates {@code <UTC yyyyMMddHHmmss>_<name>.sql} with both section markers in {@code folder} (created when
     * missing) and returns its path. The file always lands directly inside the folder.
     */
    public static Path create(Path folder, String name, Clock clock) {
        String clean = sanitise(name);
        String file = STAMP.format(clock.instant()) + "_" + clean + ".sql";
        Path target = folder.resolve(file).normalize();
        if (!target.getParent().equals(folder.normalize())) {
            throw new GodwitException(ErrorCode.USAGE, "migration name escapes the migrations folder: " + name,
                    "use a plain name such as add_users_table");
        }
        String body = "-- migrate:up\n\n\n-- migrate:down\n\n";
        try {
            Files.createDirectories(folder);
            Files.writeString(target, body, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new GodwitException(ErrorCode.USAGE, "migration file already exists: " + target,
                    "wait a second or choose another name", e);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot write " + target + ": " + e.getMessage(),
                    "check that the migrations folder is writable", e);
        }
        return target;
    }
}
