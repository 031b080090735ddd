package dev.godwit.migration;

import dev.godwit.GodwitException;
import dev.godwit.sql.SqlSplitter;
import dev.godwit.sql.Statement;
import dev.godwit.sql.TransactionControl;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One direction of a migration for a dialect: its SQL text as written, where it stands, and the statements cut out
 * of it. A section read from a source is split the first time its statements (or its directives, which a Flyway
 * folder decides from the statements) are asked for, so that {@code status}, {@code validate} and an {@code up}
 * with nothing to do never split the files they only compare by checksum; {@link #splitAll} splits the sections
 * that will run and reports every problem at once, before any change.
 *
 * <p>Two sections are equal when they stand in the same place with the same text and directives (their statements
 * follow from those).
 */
public final class Section {
    private final String file;
    private final int firstLine;
    private final String sql;
    private final Directives declared;
    private final JavaBody java;
    /** For a section split on demand: how; {@code null} once split (or when given split). */
    private SqlSplitter splitter;
    private final boolean refuseTransactionControl;
    private List<Statement> statements;
    private Directives directives;
    private FileProblems problems;
    private String textChecksum;
    /** For a section too large to hold: where it is read from as it runs; its splitter stays for that. */
    private final FileSlice large;
    private final SqlSplitter streamSplitter;

    /**
     * @param file       file name relative to the migrations folder
     * @param firstLine  line in that file where the section's text begins
     * @param sql        the section's text
     * @param statements the statements, with line numbers in the file
     * @param directives switches found in the section's leading comments
     * @param java       for a Java migration, its body (then {@code sql} is its fingerprint and there are no
     *                   statements); {@code null} for SQL
     */
    public Section(String file, int firstLine, String sql, List<Statement> statements, Directives directives,
                   JavaBody java) {
        this.file = Objects.requireNonNull(file, "file");
        this.firstLine = firstLine;
        this.sql = Objects.requireNonNull(sql, "sql");
        this.statements = List.copyOf(statements);
        this.declared = Objects.requireNonNull(directives, "directives");
        this.directives = directives;
        this.java = java;
        this.refuseTransactionControl = false;
        this.large = null;
        this.streamSplitter = null;
    }

    /** A SQL section. */
    public Section(String file, int firstLine, String sql, List<Statement> statements, Directives directives) {
        this(file, firstLine, sql, statements, directives, null);
    }

    private Section(SqlBody body, SqlSplitter splitter, boolean refuseTransactionControl) {
        this.file = body.file();
        this.firstLine = body.firstLine();
        this.sql = body.text();
        this.declared = body.directives();
        this.directives = declared;
        this.java = null;
        this.splitter = splitter;
        this.refuseTransactionControl = refuseTransactionControl;
        this.large = body.large();
        this.streamSplitter = large == null ? null : splitter;
    }

    /** The body's text split into {@code statements}. */
    public static Section of(SqlBody body, List<Statement> statements) {
        return new Section(body.file(), body.firstLine(), body.text(), statements, body.directives());
    }

    /** A Java migration's section: nothing to split. */
    public static Section of(JavaBody body) {
        return new Section(body.file(), 1, body.fingerprint(), List.of(), body.directives(), body);
    }

    /**
     * A section split by {@code splitter} when first needed. With {@code refuseTransactionControl}, a statement that
     * controls the transaction is a problem unless the section runs without one.
     */
    public static Section splitWhenNeeded(SqlBody body, SqlSplitter splitter, boolean refuseTransactionControl) {
        return new Section(body, splitter, refuseTransactionControl);
    }

    /**
     * Splits every section given that is not split yet and throws ({@link dev.godwit.ErrorCode#MIGRATION_FILE})
     * listing every problem found, naming {@code location}.
     */
    public static void splitAll(Collection<Section> sections, String location) {
        splitAll(sections, location, new FileProblems());
    }

    /** As {@link #splitAll(Collection, String)}, reporting {@code earlier} problems (reading) with the rest. */
    static void splitAll(Collection<Section> sections, String location, FileProblems earlier) {
        FileProblems all = earlier.copy();
        for (Section s : sections) {
            if (s != null) {
                s.split();
                if (s.problems != null) {
                    all.addAll(s.problems);
                }
            }
        }
        all.throwIfAny(location);
    }

    public String file() {
        return file;
    }

    public int firstLine() {
        return firstLine;
    }

    public String sql() {
        return sql;
    }

    /**
     * Whether the section is too large to hold in memory: its statements come from {@link #stream()}, cut from
     * the file as they run.
     */
    public boolean streamed() {
        return large != null;
    }

    /** A large section's statements, read from its file as they are asked for; the caller closes it. */
    public SectionStream stream() {
        if (large == null) {
            throw new IllegalStateException(file + " is held in memory: use statements()");
        }
        return new SectionStream(file, large, streamSplitter, refuseTransactionControl
                && !directives.noTransaction());
    }

    /** The statements; splits the section if it is not split yet (throwing its problems). */
    public List<Statement> statements() {
        if (large != null) {
            throw new GodwitException(dev.godwit.ErrorCode.MIGRATION_FILE, file + ": too large to hold in memory ("
                    + large.bytes() + " bytes): its statements are read from the file as it runs",
                    "lint and other whole-file reads skip files this large; split the file if it must be read whole");
        }
        split();
        if (problems != null) {
            problems.throwIfAny(file);
        }
        return statements;
    }

    /** The switches that apply: as written, or (a Flyway folder) as decided from the statements. */
    public Directives directives() {
        if (declared.detectNoTransaction()) {
            split(); // its problems are thrown where its statements are asked for
        }
        return directives;
    }

    public JavaBody java() {
        return java;
    }

    /** Whether the section is split already (it will not be split again). */
    boolean isSplit() {
        return splitter == null;
    }

    /** The checksum ({@link Checksum#of}) of {@link #sql()}, taken once. */
    public synchronized String textChecksum() {
        if (large != null) {
            return large.checksum();
        }
        if (textChecksum == null) {
            textChecksum = Checksum.of(sql);
        }
        return textChecksum;
    }

    private synchronized void split() {
        if (splitter == null) {
            return;
        }
        if (large != null) {
            splitter = null;
            statements = List.of();
            if (declared.noTransaction() || declared.detectNoTransaction()) {
                // without a transaction a problem found late would leave the statements before it applied
                problems = new FileProblems();
                problems.add(file, firstLine, "too large to run without a transaction (" + large.bytes()
                        + " bytes): a file this size is read as a stream, and only a transaction can undo what ran "
                        + "before a problem found late", "remove '-- godwit:no-transaction', or split the file "
                        + "into smaller migrations");
            }
            return;
        }
        FileProblems found = new FileProblems();
        try {
            List<Statement> split = splitter.split(sql, file, firstLine);
            SqlBody body = new SqlBody(file, Math.max(1, firstLine), sql, declared);
            if (declared.detectNoTransaction()) {
                body = NonTransactional.decide(body, split, found);
            }
            if (body != null) {
                if (refuseTransactionControl && !body.directives().noTransaction()) {
                    refuseTransactionControl(file, split, found);
                }
                statements = split;
                directives = body.directives();
            }
        } catch (GodwitException e) {
            found.add(e);
        }
        if (!found.isEmpty()) {
            problems = found;
            statements = List.of();
            directives = declared;
        }
        splitter = null;
    }

    /**
     * Godwit runs a migration in a transaction of its own and commits it with its history row: a statement that
     * ends or splits that transaction would make history and messages lie, so it is refused before any change.
     */
    private static void refuseTransactionControl(String file, List<Statement> statements, FileProblems problems) {
        for (Statement st : statements) {
            TransactionControl.of(st.sql()).ifPresent(words -> problems.add(file, st.line(), words
                    + " controls the transaction that Godwit runs this migration in (and commits with its history "
                    + "row)", "remove the transaction control statements, or add '-- godwit:no-transaction' as the "
                    + "first line of the file to run its statements one by one without a transaction"));
        }
    }

    /** The body this section was made from. */
    public MigrationBody body() {
        return java != null ? java : new SqlBody(file, Math.max(1, firstLine), sql, directives(), large);
    }

    /** Whether there is nothing to run: no statement, and no Java code. */
    public boolean isEmpty() {
        if (java != null || large != null) {
            return false;
        }
        if (isSplit()) {
            return statements.isEmpty();
        }
        return !splitter.hasStatement(sql);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Section s && firstLine == s.firstLine && file.equals(s.file) && sql.equals(s.sql)
                && declared.equals(s.declared) && Objects.equals(java, s.java) && Objects.equals(large, s.large);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, firstLine, sql, declared);
    }

    @Override
    public String toString() {
        return "Section[file=" + file + ", firstLine=" + firstLine + ", directives=" + declared + "]";
    }
}
