package dev.godwit.dialect.sqlite;

import dev.godwit.Actions;
import dev.godwit.DatabaseUrl;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.BackupStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of one SQLite file database, kept next to it as {@code <file>.<UTC yyyyMMdd'T'HHmmss'Z'>.bak} (a second
 * one in the same second gets {@code -2}, {@code -3}, ...).
 *
 * <p>Taking one is online ({@code VACUUM INTO}: a consistent snapshot, readers and writers carry on). Restoring
 * one goes through SQLite's backup API into the live database, so the database's {@code -wal} and {@code -shm}
 * files stay consistent with it and other connections see the restored content; only a file SQLite cannot open
 * any more is replaced as a file, and only when no other process holds it.
 */
final class SqliteBackups implements BackupStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteBackups.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final String[] SIDE_FILES = {"-wal", "-shm", "-journal"};
    private static final String PARTIAL = ".partial";

    private final Path database;
    private final Clock clock;
    private final Duration busyTimeout;
    private final Pattern names;
    private final GodwitConfig config;

    /** The backups of {@code database}, with no extensions or functions of the application's. */
    SqliteBackups(Path database, Clock clock, Duration busyTimeout) {
        this(database, GodwitConfig.builder().url("sqlite:" + database).clock(clock).lockTimeout(busyTimeout).build());
    }

    /** The backups of {@code database}; each connection gets {@code config}'s extensions and functions. */
    SqliteBackups(Path database, GodwitConfig config) {
        this.database = database;
        this.config = config;
        this.clock = config.clock();
        this.busyTimeout = config.lockTimeout();
        this.names = Pattern.compile(Pattern.quote(database.getFileName().toString())
                + "\\.(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.bak");
    }

    /** The backups of the configured database; refuses, saying so, for anything but a SQLite file. */
    public static SqliteBackups of(GodwitConfig config) {
        DatabaseUrl url = config.url();
        if (url.kind() != DatabaseUrl.Kind.SQLITE) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "backups are SQLite-only, and " + url.redacted()
                    + " is not a SQLite file", "back up PostgreSQL with pg_dump / pg_restore, and remote libSQL "
                    + "with the server's own tools");
        }
        return new SqliteBackups(url.sqlitePath(), config);
    }

    public Path database() {
        return database;
    }

    /** Whether there is a database worth backing up: the file exists and is not empty. */
    public boolean databaseExists() {
        try {
            return Files.isRegularFile(database) && Files.size(database) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether SQLite can read the database's schema (false for a file that is not, or no longer, a database). */
    public boolean databaseReadable() {
        if (!databaseExists()) {
            return false;
        }
        try (Connection c = SqliteDriver.open("jdbc:sqlite:" + database);
             java.sql.Statement s = c.createStatement()) {
            s.executeQuery("SELECT count(*) FROM sqlite_master").close();
            return true;
        } catch (SQLException e) {
            return !unreadable(e);
        }
    }

    /** The backups next to the database, newest first. */
    public List<Path> list() {
        Path folder = folder();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> names.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(this::sortKey).reversed())
                    .map(p -> database.resolveSibling(p.getFileName()))
                    .toList();
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.DATABASE, "cannot list backups in " + folder + ": " + e.getMessage(),
                    "check the folder's permissions", e);
        }
    }

    /** The newest complete backup, if any (incomplete ones, see {@link #complete}, are passed over). */
    public Optional<Path> latest() {
        return list().stream().filter(SqliteBackups::wholeDatabase).findFirst();
    }

    /**
     * Whether {@code backup} looks like a whole SQLite database: the header is there and the file is as long as
     * the header says (page size times page count). A backup cut short by a full disk or a kill fails this; it
     * reads only the first 100 bytes, so listing many backups stays cheap.
     */
    @Override
    public boolean complete(Path backup) {
        return wholeDatabase(backup);
    }

    static boolean wholeDatabase(Path backup) {
        byte[] head = new byte[100];
        long size;
        try (InputStream in = Files.newInputStream(backup)) {
            if (in.readNBytes(head, 0, head.length) != head.length) {
                return false;
            }
            size = Files.size(backup);
        } catch (IOException e) {
            return false;
        }
        if (!Arrays.equals(Arrays.copyOf(head, HEADER.length), HEADER)) {
            return false;
        }
        int rawPageSize = ((head[16] & 0xff) << 8) | (head[17] & 0xff);
        long pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
        if (pageSize < 512 || size % pageSize != 0) {
            return false;
        }
        long changeCounter = ByteBuffer.wrap(head, 24, 4).getInt() & 0xffffffffL;
        long pageCount = ByteBuffer.wrap(head, 28, 4).getInt() & 0xffffffffL;
        long validFor = ByteBuffer.wrap(head, 92, 4).getInt() & 0xffffffffL;
        return validFor != changeCounter || pageCount == 0 || size == pageCount * pageSize;
    }

    /** Takes a backup now and returns its path. */
    public Path take() {
        return snapshotTo(nextName(""));
    }

    /** Keeps the newest {@code keep} backups; returns the ones it deleted. */
    public List<Path> prune(int keep) {
        List<Path> all = list();
        List<Path> removed = new ArrayList<>();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            try {
                Files.deleteIfExists(old);
                removed.add(old);
            } catch (IOException e) {
                LOG.warn("could not delete old backup {}: {}", old, e.getMessage());
            }
        }
        return removed;
    }

    /**
     * Copies the database as it is now to {@code <file>.<stamp>.before-restore.bak} (not counted as a backup, never
     * pruned), so that a restore can itself be undone.
     */
    public Path takeBeforeRestore() {
        Path target = nextName(".before-restore");
        if (databaseReadable()) {
            return snapshotTo(target);
        }
        // SQLite cannot read it, so it cannot snapshot it either: keep its bytes as they are.
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        try {
            Files.copy(database, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            removeQuietly(partial);
            throw new GodwitException(ErrorCode.DATABASE, "copying " + database + " to " + target + " failed: "
                    + e.getMessage(), "free disk space next to the database and check that the folder is writable",
                    e);
        }
    }

    /**
     * Puts {@code backup} back as the database. Checks that it is a sound SQLite database first, and the result
     * after; throws {@link ErrorCode#INTEGRITY_FAILED} when either check fails (the database is then untouched when
     * the backup was the problem).
     */
    public void restore(Path backup) {
        requireSoundBackup(backup);
        try {
            restoreOnline(backup);
        } catch (SQLException e) {
            if (!unreadable(e)) {
                throw new GodwitException(ErrorCode.DATABASE, "restoring " + backup + " into " + database
                        + " failed: " + e.getMessage(), busy(e) ? "another process is writing to it; stop it and "
                        + "try again" : "check that the database's folder is writable", e);
            }
            LOG.debug("SQLite cannot open {} ({}); replacing the file", database, e.getMessage());
            replaceFile(backup);
        }
        try (Connection c = open(database)) {
            List<String> problems = SqliteChecks.integrityProblems(c);
            if (!problems.isEmpty()) {
                throw new GodwitException(ErrorCode.INTEGRITY_FAILED, "after restoring " + backup + ", "
                        + "PRAGMA integrity_check reports:\n    " + String.join("\n    ", problems),
                        "try an older backup ('godwit restore --list')");
            }
        } catch (SQLException e) {
            throw new GodwitException(ErrorCode.DATABASE, "checking " + database + " after the restore failed: "
                    + e.getMessage(), "try an older backup ('godwit restore --list')", e);
        }
    }

    /** Makes a compact, consistent copy of {@code from} at {@code to} (which must not exist) with VACUUM INTO. */
    static void copy(Path from, Path to, GodwitConfig config) throws SQLException {
        try (Connection c = openWith(from, config);
             PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
            ps.setString(1, to.toString());
            ps.execute();
        }
    }

    /**
     * Writes the backup under a temporary name ({@code <name>.partial}, which no listing matches) and renames it
     * when it is complete, so a full disk or a kill never leaves something that looks like a backup. What a failed
     * attempt wrote is removed, and so are the leftovers of attempts that were killed (backups are taken holding
     * the migration lock, so no other runner is writing one).
     */
    private Path snapshotTo(Path target) {
        if (!databaseExists()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "there is no database to back up at " + database,
                    "check " + Actions.URL);
        }
        removePartials();
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        try {
            copy(database, partial, config);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.debug("backed up {} to {}", database, target);
            return target;
        } catch (SQLException | IOException e) {
            removeQuietly(partial);
            boolean full = e.getMessage() != null && (e.getMessage().contains("SQLITE_FULL")
                    || e.getMessage().contains("database or disk is full"));
            throw new GodwitException(ErrorCode.DATABASE, "backing up " + database + " to " + target + " failed"
                    + (full ? " because the disk is full" : "") + ": " + e.getMessage()
                    + "; nothing of the backup was left behind and the database was not changed",
                    e instanceof SQLException sql && busy(sql) ? "another process holds the database; try again, "
                    + "or " + Actions.RAISE_LOCK_TIMEOUT : "free disk space next to the database (the backup needs "
                    + "about the database's size) and check that the folder is writable, or " + Actions.NO_BACKUP, e);
        }
    }

    private void removePartials() {
        Path folder = folder();
        String prefix = database.getFileName() + ".";
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && (name.endsWith(PARTIAL) || name.endsWith(PARTIAL + "-journal"));
            }).forEach(p -> {
                LOG.debug("removing the leftover of an interrupted backup: {}", p);
                removeQuietly(p);
            });
        } catch (IOException e) {
            LOG.debug("cannot list {} for leftover backups: {}", folder, e.getMessage());
        }
    }

    private static void removeQuietly(Path partial) {
        for (Path p : List.of(partial, partial.resolveSibling(partial.getFileName() + "-journal"))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", p, e.getMessage());
            }
        }
    }

    private void restoreOnline(Path backup) throws SQLException {
        try (Connection c = open(database); Statement s = c.createStatement()) {
            // xerial's extension: copies every page through the backup API, retrying while the database is busy
            s.executeUpdate("restore from " + literal(backup.toAbsolutePath().toString()));
        }
        try (Connection c = open(database); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /**
     * For a database file SQLite cannot open: replace it with a copy of the backup. Its side files belong to the
     * broken database, so they go first; all of this only while no other process holds the database.
     */
    private void replaceFile(Path backup) {
        List<Path> sides = Arrays.stream(SIDE_FILES).map(s -> database.resolveSibling(database.getFileName() + s))
                .toList();
        try (FileChannel db = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = db.tryLock()) {
            if (lock == null || sides.stream().anyMatch(SqliteBackups::heldByOthers)) {
                throw new GodwitException(ErrorCode.LOCKED, "another process has " + database + " open; it cannot "
                        + "be replaced now", "stop the processes using it, then run 'godwit restore' again");
            }
            Path tmp = database.resolveSibling(database.getFileName() + ".restoring");
            Files.copy(backup, tmp, StandardCopyOption.REPLACE_EXISTING);
            for (Path side : sides) {
                Files.deleteIfExists(side);
            }
            Files.move(tmp, database, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.DATABASE, "replacing " + database + " with " + backup + " failed: "
                    + e.getMessage(), "check the folder's permissions and free disk space", e);
        }
    }

    private static boolean heldByOthers(Path side) {
        if (!Files.exists(side)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(side, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            return lock == null;
        } catch (IOException e) {
            return true;
        }
    }

    private void requireSoundBackup(Path backup) {
        if (!Files.isRegularFile(backup)) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "no backup file " + backup,
                    "list the backups with 'godwit restore --list'");
        }
        byte[] head = new byte[HEADER.length];
        try (InputStream in = Files.newInputStream(backup)) {
            if (in.readNBytes(head, 0, head.length) != head.length || !Arrays.equals(head, HEADER)) {
                throw new GodwitException(ErrorCode.CONFIGURATION, backup + " is not a SQLite database",
                        "list the backups with 'godwit restore --list'");
            }
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot read " + backup + ": " + e.getMessage(),
                    "check the file's permissions", e);
        }
        try (Connection c = open(backup)) {
            List<String> problems = SqliteChecks.integrityProblems(c);
            if (!problems.isEmpty()) {
                throw new GodwitException(ErrorCode.INTEGRITY_FAILED, "backup " + backup + " is damaged; the database "
                        + "was not changed:\n    " + String.join("\n    ", problems),
                        "try an older backup ('godwit restore --list')");
            }
        } catch (SQLException e) {
            throw new GodwitException(ErrorCode.INTEGRITY_FAILED, "cannot read backup " + backup + ": "
                    + e.getMessage(), "try an older backup ('godwit restore --list')", e);
        }
    }

    /**
     * A new name, ordered after every backup taken in the same second (even ones already pruned: a pruned name
     * is never reused, or the newest backup would sort as the oldest).
     */
    private Path nextName(String kind) {
        String stamp = STAMP.format(clock.instant());
        String base = database.getFileName() + "." + stamp;
        int n = kind.isEmpty() ? list().stream().map(p -> names.matcher(p.getFileName().toString()))
                .filter(m -> m.matches() && m.group(1).equals(stamp))
                .mapToInt(m -> m.group(2) == null ? 1 : Integer.parseInt(m.group(2))).max().orElse(0) + 1 : 1;
        Path p = database.resolveSibling(base + (n == 1 ? "" : "-" + n) + kind + ".bak");
        while (Files.exists(p)) {
            p = database.resolveSibling(base + "-" + ++n + kind + ".bak");
        }
        return p;
    }

    private String sortKey(Path p) {
        Matcher m = names.matcher(p.getFileName().toString());
        if (!m.matches()) {
            return "";
        }
        String seq = m.group(2) == null ? "1" : m.group(2);
        return m.group(1) + "-" + "0".repeat(Math.max(0, 9 - seq.length())) + seq;
    }

    private Path folder() {
        Path parent = database.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private Connection open(Path file) throws SQLException {
        return openWith(file, config);
    }

    private static Connection openWith(Path file, GodwitConfig config) throws SQLException {
        Duration busyTimeout = config.lockTimeout();
        Connection c = SqliteDriver.open("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            SqliteFunctions.register(c, config);
            s.execute("PRAGMA busy_timeout = " + Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        throw new GodwitException(ErrorCode.CONFIGURATION, "cannot restore from a path with both ' and \": " + text,
                "rename the backup file");
    }

    private static boolean unreadable(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_NOTADB") || m.contains("SQLITE_CORRUPT") || m.contains("not a database")
                || m.contains("malformed");
    }

    private static boolean busy(SQLException e) {
        return SqliteSession.isBusy(e);
    }
}
