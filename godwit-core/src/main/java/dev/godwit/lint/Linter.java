package dev.godwit.lint;

import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Section;
import dev.godwit.sql.Statement;
import dev.godwit.sql.TransactionControl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads migrations, oldest first, and reports what the {@link Rule}s find. Pure: the statements come from the
 * splitter (as {@link dev.godwit.source.FolderSource} cut them), the file texts only serve the ignore comments; no
 * database, no clock. What earlier migrations created is remembered, so "a table that exists before the
 * migration" is one the migration did not create itself.
 */
final class Linter {
    private static final Pattern IGNORE = Pattern.compile("^\\s*--\\s*godwit:lint-ignore\\b(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> VOLATILE = Set.of("RANDOM", "GEN_RANDOM_UUID", "UUID_GENERATE_V1",
            "UUID_GENERATE_V1MC", "UUID_GENERATE_V4", "CLOCK_TIMESTAMP", "TIMEOFDAY", "NEXTVAL", "SETSEED");
    private static final Set<String> SERIAL = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL4", "SERIAL8",
            "SERIAL2");
    private static final Set<String> CREATE_MODIFIERS = Set.of("UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL",
            "LOCAL", "MATERIALIZED", "RECURSIVE", "CONSTRAINT", "TRUSTED", "PROCEDURAL");

    private final String engine;
    private final LintSettings settings;

    /**
     * @param engine   the dialect's name ({@code sqlite}, {@code libsql}, {@code postgresql}): which rules apply
     * @param settings the user's overrides
     */
    public Linter(String engine, LintSettings settings) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The rules that run for this engine with these settings. */
    public List<Rule> rules() {
        return Arrays.stream(Rule.values()).filter(r -> r.appliesTo(engine))
                .filter(r -> settings.severityOf(r).isPresent()).toList();
    }

    /**
     * Lints every migration.
     *
     * @param migrations the migrations, in any order (read oldest first)
     * @param fileTexts  file name (as in {@link Section#file()}) → its text, for {@code -- godwit:lint-ignore}
     */
    public LintReport lint(List<PreparedMigration> migrations, Map<String, String> fileTexts) {
        return lint(migrations, fileTexts, List.of());
    }

    /**
     * Lints every migration, knowing the live database's objects first ({@code --live}): the {@code CREATE}
     * statements of its indexes, views and triggers, read before the first migration, so that rules about
     * existing objects see those that no migration in the folder created.
     */
    public LintReport lint(List<PreparedMigration> migrations, Map<String, String> fileTexts,
                           List<String> liveDefinitions) {
        Schema known = new Schema();
        if (!liveDefinitions.isEmpty()) {
            List<Statement> live = new ArrayList<>();
            for (String sql : liveDefinitions) {
                live.add(new Statement(sql, 1));
            }
            Section section = new Section("(live schema)", 1, "", live, dev.godwit.migration.Directives.NONE);
            MigrationCheck seed = new MigrationCheck(new PreparedMigration(dev.godwit.migration.Version.parse("0"),
                    "live schema", "(live schema)", section, null, "-"), known);
            live.forEach(st -> seed.statement(st, Tokens.of(st.sql()))); // findings about the live schema: none
        }
        List<Finding> findings = new ArrayList<>();
        int ignored = 0;
        List<PreparedMigration> ordered = migrations.stream()
                .sorted(Comparator.comparing(PreparedMigration::version)).toList();
        for (PreparedMigration m : ordered) {
            MigrationCheck check = new MigrationCheck(m, known);
            check.run();
            for (Raw raw : check.found) {
                Optional<Severity> severity = settings.severityOf(raw.rule());
                if (severity.isEmpty() || !raw.rule().appliesTo(engine)) {
                    continue;
                }
                if (ignores(fileTexts.get(raw.file()), raw.line()).contains(raw.rule().id())) {
                    ignored++;
                    continue;
                }
                findings.add(new Finding(raw.rule(), severity.get(), m.version().text(), raw.file(), raw.line(),
                        raw.message(), raw.rule().fix()));
            }
        }
        findings.sort(Comparator.comparing(Finding::version, Comparator.comparing(dev.godwit.migration.Version::parse))
                .thenComparing(Finding::file).thenComparingInt(Finding::line));
        return new LintReport(engine, rules(), findings, ignored);
    }

    /**
     * The rule ids switched off for a finding at {@code line}: those named in the file's leading comments (before
     * its first statement; section markers are comments too) and in the comment lines right above the line.
     */
    static Set<String> ignores(String text, int line) {
        Set<String> ids = new HashSet<>();
        if (text == null) {
            return ids;
        }
        List<String> lines = text.lines().toList();
        for (String l : lines) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                break;
            }
            addIgnored(t, ids);
        }
        for (int i = line - 2; i >= 0 && i < lines.size(); i--) {
            String t = lines.get(i).strip();
            if (!t.startsWith("--")) {
                break;
            }
            addIgnored(t, ids);
        }
        return ids;
    }

    private static void addIgnored(String commentLine, Set<String> into) {
        Matcher m = IGNORE.matcher(commentLine);
        if (m.matches()) {
            for (String id : m.group(1).split("[,\\s]+")) {
                if (!id.isBlank()) {
                    into.add(id.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private record Raw(Rule rule, String file, int line, String message) {
    }

    /** What earlier statements created, as far as the SQL shows it. */
    private static final class Schema {
        final Map<String, Index> indexes = new HashMap<>();
        final Map<String, List<String>> views = new HashMap<>();
        final Map<String, Trigger> triggers = new HashMap<>();

        void dropTable(String table) {
            indexes.values().removeIf(i -> i.table().equals(table));
            triggers.values().removeIf(t -> t.table().equals(table));
        }
    }

    private record Index(String table, List<String> columns) {
    }

    private record Trigger(String table, List<String> names) {
    }

    /** Something the up section created, to be undone by the down section. */
    private record Created(String kind, String name, String table, int line) {
        String describe() {
            return kind.equals("column") ? "column " + table + "." + name : kind + " " + name;
        }
    }

    /** The checks of one migration. */
    private final class MigrationCheck {
        final PreparedMigration m;
        final Schema known;
        final Section up;
        final boolean transactional;
        final boolean postgres = engine.equals("postgresql");
        final boolean sqlite = !postgres;
        final List<Raw> found = new ArrayList<>();
        final Set<String> createdTables = new HashSet<>();
        final Set<String> createdIndexes = new HashSet<>();
        final Map<String, Integer> droppedTables = new LinkedHashMap<>();
        final Set<String> renamedInto = new HashSet<>();
        final List<Created> created = new ArrayList<>();
        boolean lockTimeoutOff;

        MigrationCheck(PreparedMigration m, Schema known) {
            this.m = m;
            this.known = known;
            this.up = m.up();
            this.transactional = !up.directives().noTransaction();
        }

        void add(Rule rule, Statement st, String message) {
            found.add(new Raw(rule, up.file(), st.line(), message));
        }

        void run() {
            for (Statement st : up.statements()) {
                statement(st, Tokens.of(st.sql()));
            }
            for (Map.Entry<String, Integer> drop : droppedTables.entrySet()) {
                Statement at = new Statement("DROP TABLE", drop.getValue());
                if (renamedInto.contains(drop.getKey())) {
                    if (!up.directives().foreignKeysOff()) {
                        add(Rule.SQLITE_REBUILD_WITHOUT_FOREIGN_KEYS_OFF, at, "table " + drop.getKey()
                                + " is rebuilt (dropped, then another table renamed to it) with foreign keys "
                                + "enforced");
                    }
                } else {
                    add(Rule.DESTRUCTIVE, at, "DROP TABLE " + drop.getKey() + " deletes the table and its rows");
                }
            }
            Section down = m.down();
            if (down == null) {
                found.add(new Raw(Rule.NO_DOWN, up.file(), 1, m.script() + " has no down section"));
            } else {
                if (!down.directives().noTransaction()) {
                    for (Statement st : down.statements()) {
                        TransactionControl.of(st.sql()).ifPresent(words -> found.add(new Raw(
                                Rule.TRANSACTION_CONTROL, down.file(), st.line(), words + " in the down section, "
                                + "which Godwit runs in a transaction of its own")));
                    }
                }
                undone(down);
            }
        }

        private void statement(Statement st, Tokens t) {
            Optional<String> control = TransactionControl.of(st.sql());
            if (control.isPresent()) {
                if (transactional) {
                    add(Rule.TRANSACTION_CONTROL, st, control.get() + " in a migration that Godwit runs in a "
                            + "transaction of its own");
                }
                return;
            }
            String first = t.get(0).upper();
            switch (first) {
                case "CREATE" -> create(st, t);
                case "DROP" -> drop(st, t);
                case "ALTER" -> alter(st, t);
                case "TRUNCATE" -> {
                    lockingStatement(st, "TRUNCATE");
                    add(Rule.DESTRUCTIVE, st, "TRUNCATE deletes every row");
                }
                case "DELETE" -> {
                    if (t.find(1, "WHERE") < 0) {
                        add(Rule.DESTRUCTIVE, st, "DELETE without WHERE deletes every row");
                    }
                }
                case "VACUUM" -> {
                    if (transactional) {
                        add(Rule.NEEDS_NO_TRANSACTION, st, "VACUUM cannot run inside a transaction");
                    }
                    if (t.is(1, "FULL")) {
                        lockingStatement(st, "VACUUM FULL");
                    }
                }
                case "PRAGMA" -> pragma(st, t);
                case "REINDEX", "CLUSTER", "LOCK" -> {
                    if (postgres && transactional && t.find(1, "CONCURRENTLY") >= 0) {
                        add(Rule.NEEDS_NO_TRANSACTION, st, first + " CONCURRENTLY cannot run inside a transaction");
                    } else {
                        lockingStatement(st, first);
                    }
                }
                case "SET" -> setting(t);
                case "RESET" -> {
                    if (t.is(1, "ALL") || t.is(1, "LOCK_TIMEOUT")) {
                        lockTimeoutOff = true;
                    }
                }
                case "INSERT" -> {
                    boolean safe = t.is(1, "OR") || t.find(1, "ON", "CONFLICT") >= 0
                            || t.find(1, "WHERE", "NOT", "EXISTS") >= 0;
                    if (!safe) {
                        add(Rule.NOT_IDEMPOTENT, st, "INSERT without ON CONFLICT / OR IGNORE inserts again (or "
                                + "fails) when run twice");
                    }
                }
                default -> {
                }
            }
        }

        private void setting(Tokens t) {
            int i = t.is(1, "SESSION") || t.is(1, "LOCAL") ? 2 : 1;
            if (!t.is(i, "LOCK_TIMEOUT")) {
                return;
            }
            Tokens.Token value = t.get(i + 2);
            String v = value.text().strip().toLowerCase(Locale.ROOT);
            lockTimeoutOff = v.equals("default") || v.matches("0+(\\.0*)?\\s*(ms|s|min|h|d)?");
        }

        private void lockingStatement(Statement st, String what) {
            if (postgres && lockTimeoutOff) {
                add(Rule.PG_LOCK_TIMEOUT_OFF, st, what + " runs after the migration switched lock_timeout off");
            }
        }

        private void pragma(Statement st, Tokens t) {
            String[] name = new String[1];
            int next = t.name(1, name);
            boolean sets = t.get(next).text().equals("=") || t.get(next).text().equals("(");
            if (sets && transactional && (name[0].equals("journal_mode") || name[0].equals("foreign_keys"))) {
                add(Rule.NEEDS_NO_TRANSACTION, st, "PRAGMA " + name[0] + " does nothing (foreign_keys) or fails "
                        + "(journal_mode) inside a transaction; for foreign keys use '-- godwit:foreign-keys off'");
            }
        }

        private void create(Statement st, Tokens t) {
            int i = 1;
            boolean orReplace = false;
            if (t.are(i, "OR", "REPLACE")) {
                orReplace = true;
                i += 2;
            }
            boolean temporary = false;
            while (CREATE_MODIFIERS.contains(t.get(i).upper())) {
                temporary |= t.get(i).upper().startsWith("TEMP");
                i++;
            }
            String object = t.get(i).upper();
            i++;
            boolean concurrently = t.is(i, "CONCURRENTLY");
            if (concurrently) {
                i++;
            }
            boolean ifNotExists = t.are(i, "IF", "NOT", "EXISTS");
            if (ifNotExists) {
                i += 3;
            }
            String[] name = new String[1];
            int afterName = t.is(i, "ON") ? i : t.name(i, name);
            if (t.is(i, "ON")) {
                name[0] = "";
            }
            if (!ifNotExists && !orReplace && !temporary && !object.equals("DATABASE")) {
                add(Rule.NOT_IDEMPOTENT, st, "CREATE " + object + " " + name[0] + " fails when run twice");
            }
            switch (object) {
                case "TABLE" -> {
                    if (!temporary) {
                        createdTables.add(name[0]);
                        created.add(new Created("table", name[0], name[0], st.line()));
                    }
                }
                case "INDEX" -> {
                    int on = t.find(afterName, "ON");
                    String[] table = new String[1];
                    t.name(t.is(on + 1, "ONLY") ? on + 2 : on + 1, table);
                    if (postgres && concurrently && transactional) {
                        add(Rule.NEEDS_NO_TRANSACTION, st, "CREATE INDEX CONCURRENTLY cannot run inside a "
                                + "transaction");
                    }
                    if (postgres && !concurrently && !createdTables.contains(table[0])) {
                        add(Rule.PG_INDEX_WITHOUT_CONCURRENTLY, st, "CREATE INDEX on " + table[0] + " without "
                                + "CONCURRENTLY blocks writes to the table while the index builds");
                    }
                    if (!concurrently) {
                        lockingStatement(st, "CREATE INDEX");
                    }
                    if (!name[0].isEmpty()) {
                        known.indexes.put(name[0], new Index(table[0], t.namesInParentheses(on)));
                        createdIndexes.add(name[0]);
                        created.add(new Created("index", name[0], table[0], st.line()));
                    }
                }
                case "VIEW" -> {
                    known.views.put(name[0], t.names());
                    created.add(new Created("view", name[0], "", st.line()));
                }
                case "TRIGGER" -> {
                    int on = t.find(afterName, "ON");
                    String[] table = new String[1];
                    t.name(on + 1, table);
                    known.triggers.put(name[0], new Trigger(table[0], t.names()));
                    created.add(new Created("trigger", name[0], table[0], st.line()));
                }
                case "DATABASE" -> {
                    if (postgres && transactional) {
                        add(Rule.NEEDS_NO_TRANSACTION, st, "CREATE DATABASE cannot run inside a transaction");
                    }
                }
                default -> {
                }
            }
        }

        private void drop(Statement st, Tokens t) {
            String object = t.get(1).upper();
            int i = 2;
            if (object.equals("MATERIALIZED")) {
                object = "MATERIALIZED VIEW";
                i++;
            }
            boolean concurrently = t.is(i, "CONCURRENTLY");
            if (concurrently) {
                i++;
            }
            boolean ifExists = t.are(i, "IF", "EXISTS");
            if (ifExists) {
                i += 2;
            }
            if (!ifExists) {
                add(Rule.NOT_IDEMPOTENT, st, "DROP " + object + " without IF EXISTS fails when run twice");
            }
            List<String> names = new ArrayList<>();
            for (Tokens part : t.splitOnCommas(i)) {
                String[] name = new String[1];
                part.name(0, name);
                names.add(name[0]);
            }
            switch (object) {
                case "TABLE" -> {
                    lockingStatement(st, "DROP TABLE");
                    for (String name : names) {
                        droppedTables.putIfAbsent(name, st.line());
                        known.dropTable(name);
                        known.views.remove(name);
                        created.removeIf(c -> c.table().equals(name));
                        createdTables.remove(name);
                    }
                }
                case "INDEX" -> {
                    if (postgres && concurrently && transactional) {
                        add(Rule.NEEDS_NO_TRANSACTION, st, "DROP INDEX CONCURRENTLY cannot run inside a "
                                + "transaction");
                    }
                    for (String name : names) {
                        Index index = known.indexes.remove(name);
                        boolean newTable = index != null && createdTables.contains(index.table());
                        if (postgres && !concurrently && !createdIndexes.contains(name) && !newTable) {
                            add(Rule.PG_INDEX_WITHOUT_CONCURRENTLY, st, "DROP INDEX " + name + " without "
                                    + "CONCURRENTLY blocks every query on its table until it is done");
                        }
                        created.removeIf(c -> c.kind().equals("index") && c.name().equals(name));
                    }
                    if (!concurrently) {
                        lockingStatement(st, "DROP INDEX");
                    }
                }
                case "VIEW", "MATERIALIZED VIEW" -> names.forEach(known.views::remove);
                case "TRIGGER" -> names.forEach(known.triggers::remove);
                case "SCHEMA", "DATABASE" -> add(Rule.DESTRUCTIVE, st, "DROP " + object + " " + String.join(", ",
                        names) + " deletes everything in it");
                default -> {
                }
            }
        }

        private void alter(Statement st, Tokens t) {
            if (t.is(1, "SYSTEM") && postgres && transactional) {
                add(Rule.NEEDS_NO_TRANSACTION, st, "ALTER SYSTEM cannot run inside a transaction");
                return;
            }
            if (!t.is(1, "TABLE")) {
                return;
            }
            int i = 2;
            if (t.are(i, "IF", "EXISTS")) {
                i += 2;
            }
            if (t.is(i, "ONLY")) {
                i++;
            }
            String[] name = new String[1];
            i = t.name(i, name);
            String table = name[0];
            boolean existing = !createdTables.contains(table);
            lockingStatement(st, "ALTER TABLE");
            List<Tokens> actions = t.splitOnCommas(i);
            if (sqlite && actions.size() > 1) {
                add(Rule.SQLITE_UNSUPPORTED_ALTER, st, "SQLite's ALTER TABLE takes one action, this one has "
                        + actions.size());
            }
            for (Tokens a : actions) {
                String verb = a.get(0).upper();
                switch (verb) {
                    case "RENAME" -> rename(st, a, table, existing);
                    case "ADD" -> add(st, a, table, existing);
                    case "DROP" -> dropFromTable(st, a, table);
                    case "ALTER" -> alterColumn(st, a, table, existing);
                    default -> {
                        if (sqlite) {
                            add(Rule.SQLITE_UNSUPPORTED_ALTER, st, "SQLite does not support ALTER TABLE ... "
                                    + verb);
                        }
                    }
                }
            }
        }

        private void rename(Statement st, Tokens a, String table, boolean existing) {
            if (a.is(1, "TO")) {
                String[] to = new String[1];
                a.name(2, to);
                renamedInto.add(to[0]);
                if (droppedTables.containsKey(to[0])) {
                    created.removeIf(c -> c.table().equals(table)); // a rebuild: the table was there before
                }
                if (createdTables.remove(table)) {
                    createdTables.add(to[0]);
                }
                for (int k = 0; k < created.size(); k++) {
                    Created c = created.get(k);
                    if (c.table().equals(table)) {
                        // a table created here and renamed into place (a rebuild) is undone as the new name
                        created.set(k, new Created(c.kind(), c.kind().equals("table") ? to[0] : c.name(), to[0],
                                c.line()));
                    }
                }
                if (existing && postgres) {
                    add(Rule.PG_RENAME, st, "renaming table " + table + " to " + to[0] + " breaks the application "
                            + "that still uses " + table);
                }
            } else if (existing && postgres) {
                int i = a.is(1, "COLUMN") ? 2 : 1;
                String[] column = new String[1];
                a.name(i, column);
                add(Rule.PG_RENAME, st, "renaming column " + table + "." + column[0] + " breaks the application "
                        + "that still uses it");
            }
        }

        private void add(Statement st, Tokens a, String table, boolean existing) {
            String what = a.get(1).upper();
            if (Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE").contains(what)) {
                if (sqlite) {
                    add(Rule.SQLITE_UNSUPPORTED_ALTER, st, "SQLite cannot add a constraint to an existing table");
                } else if (existing && (a.find(1, "FOREIGN") >= 0 || a.find(1, "CHECK") >= 0)
                        && a.find(1, "NOT", "VALID") < 0) {
                    add(Rule.PG_CONSTRAINT_WITHOUT_NOT_VALID, st, "adding a " + (a.find(1, "FOREIGN") >= 0
                            ? "foreign key" : "check constraint") + " to " + table + " without NOT VALID checks "
                            + "every row under a lock that blocks writes");
                }
                return;
            }
            int i = a.is(1, "COLUMN") ? 2 : 1;
            boolean ifNotExists = a.are(i, "IF", "NOT", "EXISTS");
            if (ifNotExists) {
                i += 3;
            }
            String[] column = new String[1];
            int next = a.name(i, column);
            created.add(new Created("column", column[0], table, st.line()));
            if (!ifNotExists) {
                add(Rule.NOT_IDEMPOTENT, st, "ADD COLUMN " + column[0] + " without IF NOT EXISTS fails when run "
                        + "twice");
            }
            int def = a.find(next, "DEFAULT");
            if (sqlite) {
                if (a.find(next, "PRIMARY", "KEY") >= 0 || a.find(next, "UNIQUE") >= 0) {
                    add(Rule.SQLITE_UNSUPPORTED_ALTER, st, "SQLite cannot add a PRIMARY KEY or UNIQUE column");
                } else if (a.find(next, "NOT", "NULL") >= 0 && def < 0) {
                    add(Rule.SQLITE_UNSUPPORTED_ALTER, st, "SQLite cannot add a NOT NULL column without a "
                            + "default");
                } else if (def >= 0 && (a.get(def + 1).text().equals("(") || Set.of("CURRENT_TIMESTAMP",
                        "CURRENT_TIME", "CURRENT_DATE").contains(a.get(def + 1).upper()))) {
                    add(Rule.SQLITE_UNSUPPORTED_ALTER, st, "SQLite cannot add a column with a non-constant "
                            + "default");
                }
                return;
            }
            if (!existing) {
                return;
            }
            String type = a.get(next).upper();
            String reason = null;
            if (SERIAL.contains(type)) {
                reason = "its type " + type.toLowerCase(Locale.ROOT) + " fills every row from a sequence";
            } else if (a.find(next, "GENERATED") >= 0 && a.find(next, "STORED") >= 0) {
                reason = "a stored generated column is computed for every row";
            } else if (def >= 0) {
                for (int k = def + 1; k < a.size() && !Set.of("NOT", "NULL", "CONSTRAINT", "CHECK", "REFERENCES",
                        "UNIQUE", "PRIMARY", "COLLATE").contains(a.get(k).upper()); k++) {
                    if (VOLATILE.contains(a.get(k).upper())) {
                        reason = "its default " + a.get(k).text() + "() is volatile";
                        break;
                    }
                }
            }
            if (reason != null) {
                add(Rule.PG_VOLATILE_DEFAULT, st, "adding column " + table + "." + column[0] + " rewrites the "
                        + "table: " + reason);
            }
        }

        private void dropFromTable(Statement st, Tokens a, String table) {
            if (a.is(1, "CONSTRAINT")) {
                if (sqlite) {
                    add(Rule.SQLITE_UNSUPPORTED_ALTER, st, "SQLite cannot drop a constraint");
                }
                return;
            }
            int i = a.is(1, "COLUMN") ? 2 : 1;
            boolean ifExists = a.are(i, "IF", "EXISTS");
            if (ifExists) {
                i += 2;
            } else {
                add(Rule.NOT_IDEMPOTENT, st, "DROP COLUMN without IF EXISTS fails when run twice");
            }
            String[] column = new String[1];
            a.name(i, column);
            String c = column[0];
            add(Rule.DESTRUCTIVE, st, "DROP COLUMN " + table + "." + c + " deletes the column's data");
            created.removeIf(x -> x.kind().equals("column") && x.table().equals(table) && x.name().equals(c));
            if (!sqlite) {
                return;
            }
            List<String> users = new ArrayList<>();
            known.indexes.forEach((name, index) -> {
                if (index.table().equals(table) && index.columns().contains(c)) {
                    users.add("index " + name);
                }
            });
            known.views.forEach((name, words) -> {
                if (words.contains(table) && words.contains(c)) {
                    users.add("view " + name);
                }
            });
            known.triggers.forEach((name, trigger) -> {
                if ((trigger.table().equals(table) || trigger.names().contains(table))
                        && trigger.names().contains(c)) {
                    users.add("trigger " + name);
                }
            });
            if (!users.isEmpty()) {
                users.sort(null);
                add(Rule.SQLITE_DROP_COLUMN_IN_USE, st, "column " + table + "." + c + " is used by "
                        + String.join(", ", users));
            }
        }

        private void alterColumn(Statement st, Tokens a, String table, boolean existing) {
            if (sqlite) {
                add(Rule.SQLITE_UNSUPPORTED_ALTER, st, "SQLite does not support ALTER TABLE ... ALTER COLUMN");
                return;
            }
            int i = a.is(1, "COLUMN") ? 2 : 1;
            String[] column = new String[1];
            int next = a.name(i, column);
            if (!existing) {
                return;
            }
            if (a.is(next, "TYPE") || a.are(next, "SET", "DATA", "TYPE")) {
                add(Rule.PG_COLUMN_TYPE_CHANGE, st, "changing the type of " + table + "." + column[0]
                        + " rewrites the table");
            } else if (a.are(next, "SET", "NOT", "NULL")) {
                add(Rule.PG_SET_NOT_NULL, st, "SET NOT NULL on " + table + "." + column[0] + " scans the whole "
                        + "table under an exclusive lock");
            }
        }

        /** down-does-not-undo: everything the up section created should be dropped by the down section. */
        private void undone(Section down) {
            Set<String> tables = new HashSet<>();
            Set<String> others = new HashSet<>();
            Set<String> columns = new HashSet<>();
            for (Statement st : down.statements()) {
                Tokens t = Tokens.of(st.sql());
                if (t.is(0, "DROP")) {
                    String object = t.get(1).upper();
                    int i = 2;
                    while (Set.of("CONCURRENTLY", "IF", "EXISTS", "VIEW").contains(t.get(i).upper())) {
                        i++;
                    }
                    for (Tokens part : t.splitOnCommas(i)) {
                        String[] name = new String[1];
                        part.name(0, name);
                        (object.equals("TABLE") ? tables : others).add(name[0]);
                    }
                } else if (t.are(0, "ALTER", "TABLE")) {
                    int i = 2;
                    if (t.are(i, "IF", "EXISTS")) {
                        i += 2;
                    }
                    if (t.is(i, "ONLY")) {
                        i++;
                    }
                    String[] name = new String[1];
                    i = t.name(i, name);
                    for (Tokens a : t.splitOnCommas(i)) {
                        if (a.is(0, "DROP") && !a.is(1, "CONSTRAINT")) {
                            int k = a.is(1, "COLUMN") ? 2 : 1;
                            if (a.are(k, "IF", "EXISTS")) {
                                k += 2;
                            }
                            String[] column = new String[1];
                            a.name(k, column);
                            columns.add(name[0] + "." + column[0]);
                        } else if (a.are(0, "RENAME", "TO")) {
                            tables.add(name[0]); // renamed away: the rebuild of a down section
                        }
                    }
                }
            }
            for (Created c : created) {
                boolean undone = switch (c.kind()) {
                    case "table" -> tables.contains(c.name());
                    case "column" -> tables.contains(c.table()) || columns.contains(c.table() + "." + c.name());
                    case "view" -> others.contains(c.name());
                    default -> others.contains(c.name()) || tables.contains(c.table());
                };
                if (!undone) {
                    found.add(new Raw(Rule.DOWN_DOES_NOT_UNDO, up.file(), c.line(), "the up section creates "
                            + c.describe() + ", which the down section does not drop"));
                }
            }
        }
    }
}
