package dev.godwit;

/**
 * What went wrong, coarsely; each code maps to the exit code the CLI documents.
 *
 * <ul>
 *   <li>1: a migration or a validation failed</li>
 *   <li>2: usage, configuration or migration-file error found before any change, and every problem the user
 *   must fix before anything can run: a database that cannot be reached, is not a database or is read-only,
 *   credentials the server refuses</li>
 *   <li>3: the database is locked or busy past the timeout</li>
 *   <li>130: the run was stopped on request before it finished (the CLI exits 130 for SIGINT, 143 for SIGTERM)</li>
 * </ul>
 */
public enum ErrorCode {
    /** A migration's SQL failed on the database; what ran before it stays applied. */
    MIGRATION_FAILED(1),
    /** Applied migrations do not match the files on disk. */
    VALIDATION_FAILED(1),
    /** The database answered with an unexpected error, or went away during a run. */
    DATABASE(1),
    /** Bad command-line usage. */
    USAGE(2),
    /** Bad configuration: URL, table name, options that contradict each other. */
    CONFIGURATION(2),
    /** A migration file that cannot be read, parsed or placed in order. */
    MIGRATION_FILE(2),
    /** The requested plan cannot run (no down section, unknown target, missing file, ...); nothing changed. */
    PLAN_REFUSED(2),
    /** The server refused the credentials. */
    AUTHENTICATION(2),
    /**
     * The database cannot be used as configured: the server cannot be reached, the file is not a database, is
     * read-only or cannot be opened. A configuration problem to fix before anything can run.
     */
    DATABASE_UNUSABLE(2),
    /**
     * Another tool's history cannot be taken over as it stands (a failed or dirty migration, a row that matches no
     * file, a checksum that does not match, Godwit's history not empty); nothing changed.
     */
    IMPORT_REFUSED(1),
    /** A run changed the database and its integrity or foreign-key check failed afterwards. */
    INTEGRITY_FAILED(1),
    /** A protected run, or a restore, needed a confirmation that was not given; nothing changed. */
    NOT_CONFIRMED(2),
    /** Another process holds the database or the migration lock past the timeout. */
    LOCKED(3),
    /** The run was asked to stop ({@link StopSignal}) and stopped between migrations or rolled one back. */
    STOPPED(130);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** @return the process exit code the CLI maps this error to */
    public int exitCode() {
        return exitCode;
    }
}
