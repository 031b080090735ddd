package dev.godwit.dialect.sqlite;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.Rehearsal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rehearsal on a copy of the database in a temporary folder (made with {@code VACUUM INTO}, which only reads the
 * real file), deleted on close. A database that does not exist yet is rehearsed on an empty one.
 */
final class SqliteRehearsal implements Rehearsal {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteRehearsal.class);

    private final GodwitConfig config;
    private final Path source;
    private final Path folder;
    private final Path copy;
    private final boolean copied;

    SqliteRehearsal(GodwitConfig config) {
        this.config = config;
        this.source = config.url().sqlitePath();
        try {
            this.folder = Files.createTempDirectory("godwit-rehearsal-");
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot create a temporary folder for the rehearsal: "
                    + e.getMessage(), "check java.io.tmpdir and free disk space", e);
        }
        this.copy = folder.resolve(source.getFileName());
        SqliteBackups real = new SqliteBackups(source, config);
        this.copied = real.databaseExists();
        if (copied) {
            try {
                SqliteBackups.copy(source, copy, config);
            } catch (SQLException e) {
                close();
                throw new GodwitException(ErrorCode.DATABASE, "copying " + source + " for the rehearsal failed: "
                        + e.getMessage(), "check free space in " + folder.getParent(), e);
            }
        }
    }

    @Override
    public String describe() {
        return (copied ? "a copy of " + source : "an empty database (" + source + " does not exist yet)") + " in "
                + folder;
    }

    @Override
    public boolean runsNoTransaction() {
        return true;
    }

    @Override
    public DatabaseSession open() {
        return new SqliteSession(config, copy, false);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the rehearsal copy in {}: {}", folder, e.getMessage());
        }
    }
}
