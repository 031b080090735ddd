package dev.godwit.source;

import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.migration.FileProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code .sql} files directly inside one folder. Every {@code .sql} file it will not offer is named: in a
 * subfolder (an error when it looks like a migration, a warning otherwise), hidden (a warning), a symbolic link that
 * dangles or loops (an error when named {@code .sql}, a warning otherwise). Files not ending in {@code .sql} are
 * ignored.
 */
public final class FolderResources implements ResourceProvider {
    private static final Pattern VERSIONED = Pattern.compile("\\d+(?:\\.\\d+)*_.*");
    private static final int MAX_DEPTH = 8;
    /**
     * Files larger than this are read as streams (a section's statements cut as they run), not as one string, so
     * memory does not grow with a file's size; the system property {@code godwit.largeFileBytes} changes it.
     */
    public static final long LARGE = Long.getLong("godwit.largeFileBytes", 8L << 20);

    private final Path folder;
    private final Consumer<String> warnings;
    private final Predicate<String> looksLikeMigrationName;
    private final Predicate<String> nested;

    /**
     * @param warnings               hears which files are left out, and why, when that does not stop a run
     * @param looksLikeMigrationName whether a file name is one a format reads: such a file in a subfolder is an
     *                               error (it would not run), any other {@code .sql} file there a warning
     */
    public FolderResources(Path folder, Consumer<String> warnings, Predicate<String> looksLikeMigrationName) {
        this(folder, warnings, looksLikeMigrationName, name -> false);
    }

    /**
     * @param nested which {@code <subfolder>/<file>.sql} names one level down are offered as they are (Diesel's
     *               {@code <version>_<name>/up.sql}); a subfolder holding one is not checked further
     */
    public FolderResources(Path folder, Consumer<String> warnings, Predicate<String> looksLikeMigrationName,
                           Predicate<String> nested) {
        this.folder = folder;
        this.warnings = warnings;
        this.looksLikeMigrationName = looksLikeMigrationName;
        this.nested = nested;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    @Override
    public List<Resource> list(FileProblems problems) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "the migrations folder " + folder + " is a file, not a "
                    + "folder", Actions.POINT_AT_MIGRATIONS + " at the folder that holds the migration files"
                    + (folder.toAbsolutePath().getParent() == null ? ""
                    : ", e.g. " + folder.toAbsolutePath().getParent() + " if that holds them"));
        }
        if (!Files.isDirectory(folder)) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "migrations folder not found: " + folder,
                    "create it with 'godwit new NAME', or point --dir at the folder that holds your migrations");
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(folder)) {
            entries = byName(s);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot list migrations folder " + folder + ": "
                    + e.getMessage(), "check that the folder exists and is readable", e);
        }
        Entry[] looked = look(entries);
        List<Resource> files = new ArrayList<>();
        for (int i = 0; i < looked.length; i++) {
            Path p = entries.get(i);
            BasicFileAttributes file = migrationFile(p, looked[i].attributes(), problems);
            if (file != null) {
                FileResource resource = new FileResource(p.getFileName().toString(), p, file.size());
                resource.ahead = looked[i].text();
                files.add(resource);
            } else if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                for (Path f : nestedFiles(p)) {
                    files.add(new FileResource(p.getFileName() + "/" + f.getFileName(), f, -1));
                }
            }
        }
        return List.copyOf(files);
    }

    /** Below this many files reading ahead is not worth a second thread. */
    private static final int READ_AHEAD_FROM = 64;
    /** Files larger than this are not read ahead (a format may read them as a stream, or not at all). */
    private static final long READ_AHEAD_UP_TO = 1 << 20;

    /**
     * An entry of the folder as looked at: its own attributes (a link not followed; null when they cannot be read)
     * and, when read ahead, its text or the problem reading it.
     */
    private record Entry(BasicFileAttributes attributes, Object text) {
    }

    /**
     * Each entry's attributes, and the text of each small {@code .sql} file, taken on the common fork-join pool when
     * there are many (the time goes to the kernel's {@code lstat}, open and read, which the cores share) while the
     * formats read them in order later. One core, or few files: attributes only, one after the other.
     */
    private static Entry[] look(List<Path> entries) {
        Entry[] looked = new Entry[entries.size()];
        boolean ahead = entries.size() >= READ_AHEAD_FROM && Runtime.getRuntime().availableProcessors() >= 2
                && Boolean.parseBoolean(System.getProperty("godwit.readAhead", "true"));
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, looked.length);
        (ahead ? indexes.parallel() : indexes).forEach(i -> looked[i] = look(entries.get(i), ahead));
        return looked;
    }

    private static Entry look(Path p, boolean readAhead) {
        BasicFileAttributes attributes = attributes(p, LinkOption.NOFOLLOW_LINKS);
        String name = p.getFileName().toString();
        if (!readAhead || attributes == null || !attributes.isRegularFile() || attributes.size() > READ_AHEAD_UP_TO
                || name.startsWith(".") || !name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            return new Entry(attributes, null);
        }
        try {
            return new Entry(attributes, readUtf8(p, attributes.size()));
        } catch (GodwitException e) {
            return new Entry(attributes, e);
        }
    }

    /** The paths sorted by file name, each name taken once (not once per comparison). */
    private static List<Path> byName(Stream<Path> paths) {
        return paths.map(p -> Map.entry(p.getFileName().toString(), p)).sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).toList();
    }

    /** The files of a subfolder that a format reads as they are, sorted by name. */
    private List<Path> nestedFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> nested.test(dir.getFileName() + "/" + f.getFileName()))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A file of the folder; its text may be read ahead ({@link #readAhead}). */
    private static final class FileResource implements Resource {
        private final String name;
        private final Path path;
        private final long size;
        /** The text read ahead, or the problem reading it; null when not read ahead. */
        private volatile Object ahead;

        FileResource(String name, Path path, long size) {
            this.name = name;
            this.path = path;
            this.size = size;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public String read() {
            Object text = ahead;
            if (text instanceof GodwitException e) {
                throw new GodwitException(e.code(), e.getMessage(), e.hint(), e);
            }
            return text != null ? (String) text : readUtf8(path);
        }

        @Override
        public java.util.Optional<Path> large() {
            return size > LARGE ? java.util.Optional.of(path) : java.util.Optional.empty();
        }
    }

    /**
     * Whether an entry of the folder is a {@code .sql} file to read. Every {@code .sql} file it leaves out is named:
     * a problem where leaving it out would change what runs, a warning otherwise. Its attributes when it is one,
     * else null.
     */
    private BasicFileAttributes migrationFile(Path p, BasicFileAttributes own, FileProblems problems) {
        String name = p.getFileName().toString();
        boolean sql = name.toLowerCase(Locale.ROOT).endsWith(".sql");
        // one lstat per entry, taken by look() (a second only for a link)
        BasicFileAttributes attributes = own;
        if (attributes != null && attributes.isSymbolicLink()) {
            attributes = attributes(p);
            if (attributes == null) {
                String what = brokenLink(p);
                if (sql) {
                    problems.add(name, 0, what + ", so Godwit cannot read it", "fix the link or remove it");
                } else {
                    warnings.accept(name + " in " + folder + ": " + what + "; ignored");
                }
                return null;
            }
        }
        if (name.startsWith(".")) {
            if (sql) {
                warnings.accept(name + " in " + folder + ": a hidden file; not run");
            }
            return null;
        }
        if (attributes != null && attributes.isDirectory()) {
            if (!nestedFiles(p).isEmpty()) {
                return null; // listed by list(): a subfolder of a format that reads subfolders
            }
            checkSubfolder(p, problems);
            return null;
        }
        if (!sql) {
            return null;
        }
        if (attributes == null || !attributes.isRegularFile()) {
            problems.add(name, 0, "not a regular file, so Godwit cannot read it", "replace it with a file");
            return null;
        }
        return attributes;
    }

    /** The entry's attributes, or null when it cannot be read (gone, or a link that leads nowhere). */
    private static BasicFileAttributes attributes(Path p, LinkOption... options) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, options);
        } catch (IOException e) {
            return null;
        }
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

    private boolean looksLikeMigration(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return looksLikeMigrationName.test(name) || name.equals("up.sql") || name.equals("down.sql");
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


    /** Reads a file as strict UTF-8 (a BOM is dropped); names the file and the first bad byte otherwise. */
    static String readUtf8(Path p) {
        return readUtf8(p, -1);
    }

    /**
     * As {@link #readUtf8(Path)}, for a file whose {@code lstat} gave {@code size} (-1: not known): that many bytes
     * are read with one {@code read} (no {@code fstat} to size the buffer, no second {@code read} to find the end:
     * a third fewer system calls per file). A file written to between the two is read as far as it then reaches,
     * up to that size, as any read of a file being written gets part of it.
     */
    static String readUtf8(Path p, long size) {
        byte[] bytes;
        try {
            bytes = size >= 0 && size <= READ_AHEAD_UP_TO ? readSized(p, (int) size) : Files.readAllBytes(p);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.MIGRATION_FILE, p.getFileName() + ": cannot read: " + e.getMessage(),
                    "check the file's permissions", e);
        }
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1); // ASCII: nothing to check, no BOM possible
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

    private static byte[] readSized(Path p, int size) throws IOException {
        byte[] bytes = new byte[size];
        try (java.io.FileInputStream in = new java.io.FileInputStream(p.toFile())) {
            int n = in.readNBytes(bytes, 0, size);
            if (n < size) {
                return java.util.Arrays.copyOf(bytes, n); // shorter now than when listed
            }
        }
        return bytes;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
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
