package dev.godwit.source;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.migration.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes new migration files. */
public final class MigrationFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Pattern LEADING_VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)_.*");
    /** Letters and combining marks of every script, digits, '_' and '-' stay; anything else becomes '_'. */
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{M}\\p{N}_-]+");
    private static final Pattern LETTER_OR_DIGIT = Pattern.compile(".*[\\p{L}\\p{N}].*", Pattern.DOTALL);
    private static final int MAX_FILE_NAME_BYTES = 255;
    private static final int MAX_ATTEMPTS = 1000;

    /**
     * What {@link #create} writes. Both sections hold only a comment: an up section without SQL is "not written
     * yet" (the migration is left out, with a warning, until it has some), and a down section without SQL counts
     * as none ({@code down} refuses to roll the migration back).
     */
    static final String TEMPLATE = """
            -- migrate:up
            -- Write the SQL that applies this migration here. Until it has some, Godwit leaves this file out.


            -- migrate:down
            -- Write the SQL that reverts it here. Without any, 'godwit down' refuses to roll it back.

            """;

    private MigrationFiles() {
    }

    /**
     * Makes a user-given name safe as part of a file name: letters of every script (NFC, lower case), digits,
     * {@code _} and {@code -} stay; spaces, dots, path separators and other punctuation become {@code _}. Fails when
     * no letter or digit is left.
     */
    public static String sanitise(String name) {
        String s = name == null ? "" : UNSAFE.matcher(Normalizer.normalize(name, Normalizer.Form.NFC)
                        .toLowerCase(Locale.ROOT)).replaceAll("_")
                .replaceAll("_+", "_").replaceAll("^[_-]+|[_-]+$", "");
        if (!LETTER_OR_DIGIT.matcher(s).matches()) {
            throw new GodwitException(ErrorCode.USAGE, "'" + (name == null ? "" : name)
                    + "' is not a usable migration NAME: it has no letter or digit",
                    "name the migration by what it does, e.g. 'godwit new add_users_table'");
        }
        return s;
    }

    /**
     * Creates {@code <version>_<name>.sql} with both section markers in {@code folder} (created when missing) and
     * returns its path. The version is the UTC time {@code yyyyMMddHHmmss}, or the next second that no migration in
     * the folder uses yet, so that two files created in one second never share a version. The file always lands
     * directly inside the folder.
     */
    public static Path create(Path folder, String name, Clock clock) {
        String clean = sanitise(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot create " + folder + ": " + e.getMessage(),
                    "check that the migrations folder's parent is writable", e);
        }
        Instant at = clock.instant();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, at = at.plusSeconds(1)) {
            String version = STAMP.format(at);
            if (versionsIn(folder).contains(Version.parse(version))) {
                continue;
            }
            Path target = target(folder, version + "_" + clean + ".sql", name);
            Path claim = folder.resolve("." + version + ".new-migration");
            if (!claim(claim)) {
                continue; // another 'new' is writing this version right now
            }
            try {
                // under the claim: a file of this version written meanwhile by a 'new' that has finished
                if (versionsIn(folder).contains(Version.parse(version))) {
                    continue;
                }
                Files.writeString(target, TEMPLATE, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                return target;
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "cannot write " + target + ": " + e.getMessage(),
                        "check that the migrations folder is writable", e);
            } finally {
                release(claim);
            }
        }
        throw new GodwitException(ErrorCode.CONFIGURATION, "found no free version for a new migration in " + folder,
                "check the clock, and the versions of the files in the migrations folder");
    }

    /**
     * Claims a version for as long as it takes to check that it is free and write the file: an empty hidden file
     * created atomically, so that two {@code new} commands (processes or threads) never write one version. It
     * is removed right after; one left behind by a crash only makes that version look taken.
     */
    private static boolean claim(Path claim) {
        try {
            Files.createFile(claim);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot write " + claim + ": " + e.getMessage(),
                    "check that the migrations folder is writable", e);
        }
    }

    private static void release(Path claim) {
        try {
            Files.deleteIfExists(claim);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot remove " + claim + ": " + e.getMessage(),
                    "remove it by hand; it only marks a version as being written", e);
        }
    }

    private static Path target(Path folder, String file, String name) {
        if (file.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_NAME_BYTES) {
            throw new GodwitException(ErrorCode.USAGE, "migration NAME too long for a file name: " + name,
                    "use a shorter name; the file name is limited to " + MAX_FILE_NAME_BYTES + " bytes");
        }
        Path target = folder.resolve(file).normalize();
        if (!target.getParent().equals(folder.normalize())) {
            throw new GodwitException(ErrorCode.USAGE, "migration name escapes the migrations folder: " + name,
                    "use a plain name such as add_users_table");
        }
        return target;
    }

    /** Versions used by the names in the folder (files and folders alike). */
    private static Set<Version> versionsIn(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> LEADING_VERSION.matcher(n).matches())
                    .map(MigrationFiles::leadingVersion)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot list " + folder + ": " + e.getMessage(),
                    "check that the migrations folder is readable", e);
        }
    }

    private static Version leadingVersion(String name) {
        Matcher m = LEADING_VERSION.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException(name);
        }
        return Version.parse(m.group(1));
    }
}
