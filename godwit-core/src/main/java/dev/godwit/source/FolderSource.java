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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Files not ending in {@code .sql}, and hidden files, are ignored.
 */
public final class FolderSource implements MigrationSource {
    private static final Pattern NAME = Pattern.compile("(\\d+(?:\\.\\d+)*)_([^/\\\\]+?)(\\.up|\\.down)?\\.sql");

    private final Path folder;
    private final SqlSplitter splitter;

    public FolderSource(Path folder, SqlSplitter splitter) {
        this.folder = folder;
        this.splitter = splitter;
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
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".sql"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot list migrations folder " + folder + ": "
                    + e.getMessage(), "check that the folder exists and is readable", e);
        }
        FileProblems problems = new FileProblems();
        MigrationFileParser parser = new MigrationFileParser(splitter);
        Map<Version, String> firstFileOfVersion = new HashMap<>();
        Map<Version, Migration> singles = new TreeMap<>();
        Map<Version, PairHalf> ups = new TreeMap<>();
        Map<Version, PairHalf> downs = new TreeMap<>();

        for (Path p : files) {
            String file = p.getFileName().toString();
            if (!Files.isRegularFile(p)) {
                continue;
            }
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
                if (parsed.up() != null) {
                    singles.put(version, new Migration(version, description, file, parsed.up(), parsed.down(),
                            Checksum.of(parsed.up().sql())));
                }
            } else {
                Section s = parser.parseWhole(file, text, kind.equals(".up"), problems);
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
            PairHalf down = downs.get(e.getKey());
            all.add(new Migration(e.getKey(), up.description(), up.file(), up.section(),
                    down == null ? null : down.section(), Checksum.of(up.section().sql())));
        }
        all.sort(Comparator.comparing(Migration::version));
        return List.copyOf(all);
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
