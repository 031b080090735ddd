package dev.godwit.source;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.migration.Checksum;
import dev.godwit.migration.Migration;
import dev.godwit.migration.Section;
import dev.godwit.migration.Version;
import dev.godwit.sql.SqlSplitter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Migrations from the {@code .sql} files directly inside one folder. Two formats:
 * <ul>
 *   <li>{@code <version>_<description>.sql} with {@code -- migrate:up} / {@code -- migrate:down} sections
 *   (or {@code -- UP} / {@code -- DOWN});</li>
 *   <li>{@code <version>_<description>.up.sql} with an optional {@code <version>_<description>.down.sql}.</li>
 * </ul>
 * Sections without a statement (empty, or only comments) have a meaning: an up section is not written yet (the
 * migration is returned, with a warning, and {@link Migration#written()} false: the planner never runs it); a
 * down section counts as none, so the migration cannot be rolled back. Files not ending in {@code .sql} are ignored. Every {@code .sql} file it will not run is named:
 * in a subfolder (an error when it looks like a migration, a warning otherwise), hidden (a warning), a symbolic
 * link that dangles or loops (an error when named {@code .sql}, a warning otherwise).
 */
public final class FolderSource implements MigrationSource {
    private static final Pattern NAME = Pattern.compile("(\\d+(?:\\.\\d+)*)_([^/\\\\]+?)(\\.up|\\.down)?\\.sql");
    private static final Pattern VERSIONED = Pattern.compile("\\d+(?:\\.\\d+)*_.*");
    private static final int MAX_DEPTH = 8;

    private final Path folder;
    private final SqlSplitter splitter;
    private final Consumer<String> warnings;
    private final boolean refuseTransactionControl;

    public FolderSource(Path folder, SqlSplitter splitter) {
        this(folder, splitter, w -> { });
    }

    /**
     * @param warnings hears what the user should know about the folder that does not stop a run (files it leaves
     *                 out, and why)
     */
    public FolderSource(Path folder, SqlSplitter splitter, Consumer<String> warnings) {
        this(folder, splitter, warnings, true);
    }

    private FolderSource(Path folder, SqlSplitter splitter, Consumer<String> warnings,
                         boolean refuseTransactionControl) {
        this.folder = folder;
        this.splitter = splitter;
        this.warnings = warnings;
        this.refuseTransactionControl = refuseTransactionControl;
    }

    /**
     * The same folder, read for {@code godwit lint}: transaction control statements in transactional migrations
     * are kept (the linter reports them with the rest) instead of failing the load. Never used to run migrations.
     */
    public FolderSource keepingTransactionControl() {
        return new FolderSource(folder, splitter, warnings, false);
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public List<Migration> load() {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "the migrations folder " + folder + " is a file, not a "
                    + "folder", "point --dir (or GODWIT_DIR) at the folder that holds the migration files"
                    + (folder.toAbsolutePath().getParent() == null ? ""
                    : ", e.g. " + folder.toAbsolutePath().getParent() + " if that holds them"));
        }
        if (!Files.isDirectory(folder)) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "migrations folder not found: " + folder,
                    "create it with 'godwit new NAME', or point --dir at the folder that holds your migrations");
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(folder)) {
            entries = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot list migrations folder " + folder + ": "
                    + e.getMessage(), "check that the folder exists and is readable", e);
        }
        FileProblems problems = new FileProblems();
        List<Path> files = new ArrayList<>();
        for (Path p : entries) {
            if (isMigrationFile(p, problems)) {
                files.add(p);
            }
        }
        MigrationFileParser parser = new MigrationFileParser(splitter, refuseTransactionControl);
        Map<Version, String> firstFileOfVersion = new HashMap<>();
        Map<Version, Migration> singles = new TreeMap<>();
        Map<Version, PairHalf> ups = new TreeMap<>();
        Map<Version, PairHalf> downs = new TreeMap<>();
        List<String> drafts = new ArrayList<>();

        for (Path p : files) {
            String file = p.getFileName().toString();
            Matcher m = NAME.matcher(file);
            if (!m.matches()) {
                problems.add(file, 0, "the name matches no migration format",
                        "name migrations '<version>_<description>.sql' (with '-- migrate:up' and '-- migrate:down' "
                                + "sections) or '<version>_<description>.up.sql' and '.down.sql', e.g. "
                                + "'20250101120000_create_users.sql'");
                continue;
            }
            Version version = Version.parse(m.group(1));
            String description = m.group(2).replace('_', ' ').strip();
            String kind = m.group(3);
            if (!".down".equals(kind)) {
                String previous = firstFileOfVersion.putIfAbsent(version, file);
                if (previous != null) {
                    problems.add(file, 0, "version " + version + " is used twice: also by " + previous,
                            "give each migration its own version; rename one of the files");
                    continue;
                }
            }
            String text;
            try {
                text = readUtf8(p);
            } catch (GodwitException e) {
                problems.add(e);
                continue;
            }
            if (kind == null) {
                MigrationFileParser.Parsed parsed = parser.parseSingle(file, text, problems);
                if (parsed.up() == null) {
                    continue;
                }
                if (parsed.up().statements().isEmpty()) {
                    drafts.add(file);
                }
                singles.put(version, new Migration(version, description, file, parsed.up(),
                        withSql(parsed.down()), Checksum.of(parsed.up().sql())));
            } else {
                Section s = parser.parseWhole(file, text, problems);
                Map<Version, PairHalf> target = kind.equals(".up") ? ups : downs;
                PairHalf previous = target.putIfAbsent(version, new PairHalf(file, description, s));
                if (previous != null) {
                    problems.add(file, 0, "version " + version + " has two " + kind + ".sql files: also "
                            + previous.file(), "keep one file per version and direction");
                }
            }
        }
        for (Map.Entry<Version, PairHalf> e : downs.entrySet()) {
            PairHalf up = ups.get(e.getKey());
            if (up == null) {
                problems.add(e.getValue().file(), 0, "a down file without its up file",
                        "add '" + e.getValue().file().replace(".down.sql", ".up.sql")
                                + "' or remove the down file");
            } else if (!up.description().equals(e.getValue().description())) {
                problems.add(e.getValue().file(), 0, "the down file's name does not match its up file "
                        + up.file(), "name both '<version>_<description>.up.sql' and '.down.sql' alike");
            }
        }
        problems.throwIfAny(folder.toString());

        List<Migration> all = new ArrayList<>(singles.values());
        for (Map.Entry<Version, PairHalf> e : ups.entrySet()) {
            PairHalf up = e.getValue();
            if (up.section() != null && up.section().statements().isEmpty()) {
                drafts.add(up.file());
            }
            PairHalf down = downs.get(e.getKey());
            all.add(new Migration(e.getKey(), up.description(), up.file(), up.section(),
                    down == null ? null : withSql(down.section()), Checksum.of(up.section().sql())));
        }
        for (String draft : drafts) {
            warnings.accept(draft + ": not written yet (its up section has no SQL statement); left out until it "
                    + "has SQL");
        }
        all.sort(Comparator.comparing(Migration::version));
        return List.copyOf(all);
    }

    /** A down section with no statement (empty, or only comments) counts as none: no rollback. */
    private static Section withSql(Section down) {
        return down == null || down.statements().isEmpty() ? null : down;
    }

    /**
     * Whether an entry of the folder is a {@code .sql} file to read. Every {@code .sql} file it leaves out is named:
     * a problem where leaving it out would change what runs, a warning otherwise.
     */
    private boolean isMigrationFile(Path p, FileProblems problems) {
        String name = p.getFileName().toString();
        boolean sql = name.toLowerCase(Locale.ROOT).endsWith(".sql");
        if (Files.isSymbolicLink(p) && !Files.exists(p)) {
            String what = brokenLink(p);
            if (sql) {
                problems.add(name, 0, what + ", so Godwit cannot read it", "fix the link or remove it");
            } else {
                warnings.accept(name + " in " + folder + ": " + what + "; ignored");
            }
            return false;
        }
        if (name.startsWith(".")) {
            if (sql) {
                warnings.accept(name + " in " + folder + ": a hidden file; not run");
            }
            return false;
        }
        if (Files.isDirectory(p)) {
            checkSubfolder(p, problems);
            return false;
        }
        if (!sql) {
            return false;
        }
        if (!Files.isRegularFile(p)) {
            problems.add(name, 0, "not a regular file, so Godwit cannot read it", "replace it with a file");
            return false;
        }
        return true;
    }

    /** Names the {@code .sql} files in a subfolder, which Godwit does not read. */
    private void checkSubfolder(Path dir, FileProblems problems) {
        List<String> found = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        try {
            seen.add(folder.toRealPath());
        } catch (IOException e) {
            // listed a moment ago; a folder that went away has nothing to name
        }
        collectSql(dir, 1, seen, found, broken);
        String sub = dir.getFileName().toString();
        boolean migrationFolder = VERSIONED.matcher(sub).matches();
        List<String> migrationLike = found.stream().filter(f -> migrationFolder || looksLikeMigration(f)).toList();
        if (!migrationLike.isEmpty()) {
            String hint = migrationFolder && found.stream().anyMatch(f -> f.endsWith("/up.sql"))
                    ? "Godwit reads only the files directly inside the migrations folder: rename '" + sub
                    + "/up.sql' to '" + sub + ".up.sql' and '" + sub + "/down.sql' to '" + sub + ".down.sql' in "
                    + folder + " (the same for each such folder)"
                    : "Godwit reads only the files directly inside the migrations folder: move these files into "
                    + folder + ", or out of it";
            problems.add(sub + "/", 0, "a subfolder whose .sql files Godwit does not run: "
                    + String.join(", ", migrationLike), hint);
        }
        List<String> others = found.stream().filter(f -> !migrationLike.contains(f)).toList();
        if (!others.isEmpty()) {
            warnings.accept("not run (Godwit reads only the files directly inside " + folder + "): "
                    + String.join(", ", others));
        }
        if (!broken.isEmpty()) {
            warnings.accept("ignored in " + folder + ": " + String.join("; ", broken));
        }
    }

    private void collectSql(Path dir, int depth, Set<Path> seen, List<String> found, List<String> broken) {
        try {
            if (!seen.add(dir.toRealPath())) {
                broken.add(relative(dir) + "/: leads back to a folder already looked at (a loop); not followed");
                return;
            }
        } catch (IOException e) {
            broken.add(relative(dir) + "/: cannot be followed (" + e.getMessage() + ")");
            return;
        }
        if (depth > MAX_DEPTH) {
            broken.add(relative(dir) + "/: deeper than " + MAX_DEPTH + " folders; not looked into");
            return;
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            broken.add(relative(dir) + "/: cannot list it (" + e.getMessage() + ")");
            return;
        }
        for (Path c : children) {
            String name = c.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isSymbolicLink(c) && !Files.exists(c)) {
                broken.add(relative(c) + ": " + brokenLink(c));
            } else if (Files.isDirectory(c)) {
                collectSql(c, depth + 1, seen, found, broken);
            } else if (name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                found.add(relative(c));
            }
        }
    }

    private static boolean looksLikeMigration(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return NAME.matcher(name).matches() || name.equals("up.sql") || name.equals("down.sql");
    }

    private String relative(Path p) {
        return folder.relativize(p).toString().replace('\\', '/');
    }

    /** Says why a symbolic link cannot be followed: it dangles, or it loops. */
    private static String brokenLink(Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            target = "?";
        }
        try {
            link.toRealPath();
            return "a symbolic link to '" + target + "' that cannot be followed";
        } catch (NoSuchFileException e) {
            return "a symbolic link to '" + target + "', which does not exist";
        } catch (IOException e) {
            return "a symbolic link to '" + target + "' that loops (or cannot be followed: " + e.getMessage() + ")";
        }
    }

    private record PairHalf(String file, String description, Section section) {
    }

    /** Reads a file as strict UTF-8 (a BOM is dropped); names the file and the first bad byte otherwise. */
    static String readUtf8(Path p) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.MIGRATION_FILE, p.getFileName() + ": cannot read: " + e.getMessage(),
                    "check the file's permissions", e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int line = 1;
            int offset = firstBadByte(bytes);
            for (int i = 0; i < offset && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new GodwitException(ErrorCode.MIGRATION_FILE, p.getFileName() + ":" + line
                    + ": not valid UTF-8 (byte offset " + offset + ")",
                    "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
        }
    }

    private static int firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }
}
