package dev.godwit.takeover;

import dev.godwit.dialect.TableRows;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Version;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps another tool's tracking table onto Godwit's history: which migrations of the folder it applied, when, and
 * whether its checksums still match the files. Pure apart from the file bytes it is handed (no database, no clock:
 * the import's time is given), and it reports every problem at once.
 *
 * <p>Each tool keeps its own rules: Flyway's rows are read in {@code installed_rank} order (an undo or delete row
 * takes its version back, a {@code BASELINE} row becomes Godwit's baseline, the schema-creation marker is left
 * out); goose's newest row per version decides; golang-migrate's and {@code schema_version}'s single row means
 * "everything up to this version". A failed or dirty row, a row that matches no file, and a checksum that no longer
 * matches its file (Flyway's CRC-32, sqlx's SHA-384) are problems.
 */
public final class HistoryImport {
    /** The note every imported row carries, first: {@code imported from flyway (...)}. */
    public static final String NOTE_PREFIX = "imported from ";
    private static final Pattern LEADING_DIGITS = Pattern.compile("(\\d+)");
    private static final List<String> SCRIPT_ENDINGS = List.of(".up.sql", ".sql", ".js", ".cjs", ".mjs", ".ts",
            ".cts", ".mts", ".py", ".rb", ".coffee");

    private HistoryImport() {
    }

    /**
     * What to record for {@code table}.
     *
     * @param available the folder's migrations, as its format reads them
     * @param rawFile   a migration file's bytes by its script name, to verify checksums (empty: not verifiable)
     * @param importer  who imports: applied_by where the tool keeps no user
     * @param now       the import's time: applied_at where the tool keeps no time
     */
    public static ImportPlan plan(ForeignTool tool, TableRows table, List<PreparedMigration> available,
                                  Function<String, Optional<byte[]>> rawFile, String importer, Instant now) {
        Reading r = new Reading(tool, table, available, rawFile, importer, now);
        List<String> missing = tool.columns().stream().filter(c -> !table.columns().contains(c)).toList();
        if (!missing.isEmpty()) {
            r.problem(table.name() + " is not laid out as " + tool + " lays out its table: its columns are "
                    + String.join(", ", table.columns()) + " (missing " + String.join(", ", missing) + ")",
                    "name the tool that wrote this table with --from, or its table with --from-table");
            return r.result();
        }
        switch (tool) {
            case FLYWAY -> r.flyway();
            case GOLANG_MIGRATE -> r.golangMigrate();
            case SQLX -> r.sqlx();
            case DIESEL -> r.versionRows("version", "run_on");
            case DBMATE, RAILS -> r.versionRows("version", null);
            case GOOSE -> r.goose();
            case UMZUG -> r.umzug();
            case SCHEMA_VERSION -> r.schemaVersion();
            default -> throw new IllegalStateException("no reading for " + tool);
        }
        return r.result();
    }

    /** One migration the tool applied, as its table says. */
    private record Entry(String where, Version version, String description, Instant at, Long executionMs,
                         String appliedBy, Check check, String checksum) {
        Entry(String where, Version version, String description, Instant at, Long executionMs, String appliedBy,
              Check check) {
            this(where, version, description, at, executionMs, appliedBy, check, null);
        }
    }

    /**
     * What became of the tool's checksum for a row; {@code CHANGED}: a repeatable's file changed since the tool
     * applied it, so it is recorded with the tool's checksum and the next up applies it again.
     */
    private enum Check { VERIFIED, NOT_KEPT, NOT_VERIFIABLE, CHANGED }

    private static final class Reading {
        private final ForeignTool tool;
        private final TableRows table;
        private final List<PreparedMigration> available;
        private final Map<Version, PreparedMigration> byVersion = new TreeMap<>();
        private final Function<String, Optional<byte[]>> rawFile;
        private final String importer;
        private final Instant now;
        private final List<String> problems = new ArrayList<>();
        private final LinkedHashSet<String> hints = new LinkedHashSet<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<Version, Entry> applied = new LinkedHashMap<>();
        private final Map<Version, AppliedMigration> baselines = new TreeMap<>();

        Reading(ForeignTool tool, TableRows table, List<PreparedMigration> available,
                Function<String, Optional<byte[]>> rawFile, String importer, Instant now) {
            this.tool = tool;
            this.table = table;
            this.available = available;
            available.forEach(m -> byVersion.put(m.version(), m));
            this.rawFile = rawFile;
            this.importer = importer;
            this.now = now;
        }

        void problem(String message, String hint) {
            problems.add(message);
            hints.add(hint);
        }

        // ---- each tool's rules ---------------------------------------------------------------------------------

        void flyway() {
            List<Map<String, Object>> rows = new ArrayList<>(table.rows());
            rows.sort(Comparator.comparingLong(row -> number(row.get("installed_rank"), Long.MAX_VALUE)));
            Map<Version, Map<String, Object>> latest = new LinkedHashMap<>();
            for (Map<String, Object> row : rows) {
                String where = "installed_rank " + text(row.get("installed_rank"));
                String type = text(row.get("type")).toUpperCase(Locale.ROOT);
                String script = text(row.get("script"));
                String versionText = row.get("version") == null ? null : text(row.get("version"));
                if (type.equals("SCHEMA")) {
                    notes.add(where + " (" + script + ") left out: Flyway's marker that it created the schema");
                    continue;
                }
                boolean repeatable = versionText == null || versionText.isBlank();
                if (repeatable && text(row.get("description")).isBlank()) {
                    problem(table.name() + " " + where + ": " + script + " has neither a version nor a description",
                            "check that --from names the tool that wrote " + table.name());
                    continue;
                }
                Version version = repeatable ? Version.repeatable(text(row.get("description")))
                        : version(where, versionText.replace('_', '.'));
                if (version == null) {
                    continue;
                }
                if (!bool(row.get("success"))) {
                    problem(table.name() + " " + where + ": " + script + " (version " + version + ") failed "
                            + "(success = false), so Flyway would not migrate this database either",
                            "finish or undo that migration by hand and clear the failed row with 'flyway repair', "
                                    + "then import again");
                    continue;
                }
                latest.remove(version); // the newest row of a version decides
                baselines.remove(version);
                if (type.startsWith("UNDO") || type.equals("DELETE")) {
                    continue;
                }
                Instant at = instant(row.get("installed_on"));
                if (type.equals("BASELINE")) {
                    baselines.put(version, new AppliedMigration(version, text(row.get("description")),
                            "<< baseline >>", null, null, AppliedMigration.BASELINE, iso(at != null ? at : now),
                            text(row.get("installed_by")), 0, true, note(null, at == null, "Flyway's baseline")));
                    continue;
                }
                latest.put(version, row);
            }
            latest.forEach((version, row) -> {
                String where = "installed_rank " + text(row.get("installed_rank"));
                if (version.isRepeatable()) {
                    repeatable(where, version, row);
                    return;
                }
                Object recorded = row.get("checksum");
                PreparedMigration m = byVersion.get(version);
                Check check = recorded == null ? Check.NOT_KEPT : verify(where, version,
                        m == null ? null : m.script(), recorded, bytes -> (long) ToolChecksums.flyway(bytes),
                        "Flyway's CRC-32");
                if (check != null) {
                    put(new Entry(where, version, text(row.get("description")), instant(row.get("installed_on")),
                            row.get("execution_time") == null ? null : number(row.get("execution_time"), 0),
                            row.get("installed_by") == null ? null : text(row.get("installed_by")), check));
                }
            });
        }

        /**
         * The newest row of a Flyway repeatable migration (no version), keyed in Godwit's history as a run keys it
         * ({@link Version#repeatable}, by its description). Its checksum is compared with today's file: the same,
         * and today's checksum is recorded (nothing to do); changed since Flyway applied it, and Flyway's checksum is
         * recorded, so that the next up applies it again, as Flyway's next migrate would. The one place that decides
         * how a repeatable's row is imported.
         */
        private void repeatable(String where, Version key, Map<String, Object> row) {
            PreparedMigration m = byVersion.get(key);
            if (m == null) {
                unmatched(where + " (repeatable " + text(row.get("script")) + ")");
                return;
            }
            Object recorded = row.get("checksum");
            Optional<byte[]> bytes = recorded == null ? Optional.empty() : rawFile.apply(m.script());
            Check check;
            String checksum = null;
            if (recorded == null) {
                check = Check.NOT_KEPT;
            } else if (bytes.isEmpty()) {
                check = Check.NOT_VERIFIABLE;
            } else if (number(recorded, Long.MIN_VALUE) == ToolChecksums.flyway(bytes.get())) {
                check = Check.VERIFIED;
            } else {
                check = Check.CHANGED;
                checksum = "flyway-crc32:" + text(recorded);
                notes.add(m.script() + " changed since Flyway applied it: the next up applies it again");
            }
            put(new Entry(where, key, text(row.get("description")), instant(row.get("installed_on")),
                    row.get("execution_time") == null ? null : number(row.get("execution_time"), 0),
                    row.get("installed_by") == null ? null : text(row.get("installed_by")), check, checksum));
        }

        void golangMigrate() {
            List<Map<String, Object>> rows = table.rows();
            if (rows.isEmpty()) {
                notes.add(table.name() + " is empty: golang-migrate applied nothing");
                return;
            }
            if (rows.size() > 1) {
                problem(table.name() + " has " + rows.size() + " rows; golang-migrate keeps exactly one",
                        "check that --from names the tool that wrote this table");
                return;
            }
            Map<String, Object> row = rows.get(0);
            long v = number(row.get("version"), -1);
            if (bool(row.get("dirty"))) {
                problem(table.name() + ": version " + v + " is dirty: golang-migrate stopped in the middle of that "
                        + "migration, so the schema is neither before nor after it",
                        "finish or undo migration " + v + " by hand, then 'migrate force " + v + "' (or the version "
                                + "before it) and import again");
                return;
            }
            if (v < 0) {
                notes.add(table.name() + " says no version: golang-migrate applied nothing");
                return;
            }
            upTo("version " + v, version("version", Long.toString(v)), null, false);
        }

        void sqlx() {
            for (Map<String, Object> row : table.rows()) {
                String where = "version " + text(row.get("version"));
                Version version = version(where, text(row.get("version")));
                if (version == null) {
                    continue;
                }
                if (!bool(row.get("success"))) {
                    problem(table.name() + " " + where + " (" + text(row.get("description")) + ") failed "
                            + "(success = false): sqlx left it unfinished",
                            "finish or undo that migration by hand and delete its row from " + table.name()
                                    + " with the tool that owns it, then import again");
                    continue;
                }
                Object recorded = row.get("checksum");
                PreparedMigration m = byVersion.get(version);
                Check check = recorded == null ? Check.NOT_KEPT : verify(where, version,
                        m == null ? null : m.script(), recorded, ToolChecksums::sqlx, "sqlx's SHA-384");
                if (check == null) {
                    continue;
                }
                Long ns = row.get("execution_time") == null ? null : number(row.get("execution_time"), 0);
                put(new Entry(where, version, text(row.get("description")), instant(row.get("installed_on")),
                        ns == null ? null : ns / 1_000_000, null, check));
            }
        }

        void versionRows(String column, String timeColumn) {
            for (Map<String, Object> row : table.rows()) {
                String where = "version " + text(row.get(column));
                Version version = version(where, text(row.get(column)));
                if (version != null) {
                    put(new Entry(where, version, null, timeColumn == null ? null : instant(row.get(timeColumn)),
                            null, null, Check.NOT_KEPT));
                }
            }
        }

        void goose() {
            List<Map<String, Object>> rows = new ArrayList<>(table.rows());
            rows.sort(Comparator.comparingLong(row -> number(row.get("id"), Long.MAX_VALUE)));
            Map<Version, Entry> latest = new LinkedHashMap<>();
            for (Map<String, Object> row : rows) {
                long v = number(row.get("version_id"), -1);
                if (v == 0) {
                    continue; // goose's own first row, written when it created the table
                }
                String where = "id " + text(row.get("id")) + " (version_id " + v + ")";
                Version version = version(where, Long.toString(v));
                if (version == null) {
                    continue;
                }
                latest.remove(version); // the newest row of a version decides: applied, or rolled back
                if (bool(row.get("is_applied"))) {
                    latest.put(version, new Entry(where, version, null, instant(row.get("tstamp")), null, null,
                            Check.NOT_KEPT));
                }
            }
            latest.values().forEach(this::put);
        }

        void umzug() {
            for (Map<String, Object> row : table.rows()) {
                String name = text(row.get("name"));
                String where = "name '" + name + "'";
                PreparedMigration m = byName(name);
                if (m == null) {
                    unmatched(where);
                    continue;
                }
                put(new Entry(where, m.version(), null, instant(row.get("executed_at")), null, null, Check.NOT_KEPT));
            }
        }

        void schemaVersion() {
            List<Map<String, Object>> rows = table.rows();
            if (table.columns().contains("id")) {
                rows = rows.stream().filter(row -> number(row.get("id"), -1) == 1).toList();
            }
            if (rows.isEmpty()) {
                notes.add(table.name() + " has no version row: nothing was applied");
                return;
            }
            if (rows.size() > 1) {
                problem(table.name() + " has " + rows.size() + " rows; a version table keeps one",
                        "keep one row (id 1) in " + table.name() + ", then import again");
                return;
            }
            Map<String, Object> row = rows.get(0);
            String text = text(row.get("version")).strip();
            Version version = version("version", text.startsWith("v") || text.startsWith("V") ? text.substring(1)
                    : text);
            if (version != null) {
                upTo("version " + text, version, instant(row.get("updated_at")), true);
            }
        }

        // ---- shared rules ----------------------------------------------------------------------------------------

        /** Everything up to {@code version} is applied; {@code version} must be a migration's (or below all). */
        private void upTo(String where, Version version, Instant at, boolean belowAllIsNothing) {
            if (version == null) {
                return;
            }
            if (!byVersion.containsKey(version)) {
                boolean belowAll = byVersion.isEmpty() || version.compareTo(byVersion.keySet().iterator().next()) < 0;
                if (belowAll && belowAllIsNothing) {
                    notes.add(table.name() + " says " + version + ", older than every migration in the folder: "
                            + "nothing of it is applied yet");
                    return;
                }
                unmatched(where);
                return;
            }
            for (PreparedMigration m : available) {
                if (!m.repeatable() && m.version().compareTo(version) <= 0) {
                    put(new Entry(where, m.version(), null, at, null, null, Check.NOT_KEPT));
                }
            }
        }

        private void put(Entry e) {
            if (!byVersion.containsKey(e.version())) {
                unmatched(e.where());
                return;
            }
            Entry previous = applied.putIfAbsent(e.version(), e);
            if (previous != null && !previous.where().equals(e.where())) {
                problem(table.name() + ": " + e.where() + " and " + previous.where() + " are both version "
                        + e.version(), "remove the duplicate row with the tool that owns " + table.name()
                        + ", then import again");
            }
        }

        private void unmatched(String where) {
            problem(table.name() + " " + where + " matches no migration file in the folder",
                    "point --dir (and --format) at the folder that holds the migrations " + tool + " applied, or add "
                            + "the missing file as it was applied");
        }

        private PreparedMigration byName(String name) {
            String stem = stem(name);
            for (PreparedMigration m : available) {
                if (stem(m.script()).equals(stem)) {
                    return m;
                }
            }
            Matcher digits = LEADING_DIGITS.matcher(stem);
            if (digits.lookingAt()) {
                return byVersion.get(Version.parse(digits.group(1)));
            }
            return null;
        }

        private static String stem(String name) {
            String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            for (String ending : SCRIPT_ENDINGS) {
                if (base.toLowerCase(Locale.ROOT).endsWith(ending)) {
                    return base.substring(0, base.length() - ending.length());
                }
            }
            return base;
        }

        /**
         * Verifies the tool's checksum against today's file: {@link Check#VERIFIED}, {@link Check#NOT_VERIFIABLE}
         * (no file bytes to compare), or null after naming a mismatch as a problem.
         */
        private Check verify(String where, Version version, String script, Object recorded,
                             Function<byte[], Object> compute, String what) {
            if (script == null) {
                return Check.NOT_VERIFIABLE; // the row matches no file: named as such
            }
            PreparedMigration m = byVersion.get(version);
            if (m == null) {
                return Check.NOT_VERIFIABLE;
            }
            Optional<byte[]> bytes = rawFile.apply(m.script());
            if (bytes.isEmpty()) {
                return Check.NOT_VERIFIABLE;
            }
            Object today = compute.apply(bytes.get());
            boolean same = today instanceof byte[] b ? recorded instanceof byte[] r ? Arrays.equals(b, r)
                    : ToolChecksums.hex(b).equalsIgnoreCase(text(recorded).replaceFirst("^\\\\x", ""))
                    : recorded instanceof Number n && n.longValue() == ((Number) today).longValue();
            if (same) {
                return Check.VERIFIED;
            }
            problem(table.name() + " " + where + ": " + m.script() + " changed since " + tool + " applied it ("
                    + what + " recorded " + shown(recorded) + ", today's file gives " + shown(today) + ")",
                    "put the file back as it was applied (see its version control history), or accept the change in "
                            + tool + " first (Flyway: 'flyway repair'), then import again");
            return null;
        }

        private static String shown(Object checksum) {
            return checksum instanceof byte[] b ? ToolChecksums.hex(b).substring(0, 16) + "…" : text(checksum);
        }

        private Version version(String where, String text) {
            if (!Version.isVersion(text)) {
                problem(table.name() + " " + where + ": '" + text + "' is not a version Godwit can read",
                        "check that --from names the tool that wrote " + table.name());
                return null;
            }
            return Version.parse(text);
        }

        private Instant instant(Object v) {
            return HistoryImport.instant(v, table.localTimeZone());
        }

        private String note(Check check, boolean timeUnknown, String what) {
            StringBuilder n = new StringBuilder(NOTE_PREFIX).append(tool).append(" (").append(table.name());
            if (what != null) {
                n.append(", ").append(what);
            }
            n.append(')');
            if (check == Check.VERIFIED) {
                n.append("; its checksum verified");
            } else if (check == Check.NOT_KEPT) {
                n.append("; checksum recorded from today's file (").append(tool).append(" keeps none)");
            } else if (check == Check.NOT_VERIFIABLE) {
                n.append("; checksum not verified, recorded from today's file");
            } else if (check == Check.CHANGED) {
                n.append("; its file changed since, so Flyway's checksum is recorded and the next up applies it again");
            }
            if (timeUnknown) {
                n.append("; applied time unknown (").append(tool).append(" keeps none): the import's time");
            }
            return n.toString();
        }

        ImportPlan result() {
            List<AppliedMigration> rows = new ArrayList<>(baselines.values());
            if (problems.isEmpty()) {
                for (Entry e : applied.values()) {
                    PreparedMigration m = byVersion.get(e.version());
                    boolean java = m.up().java() != null;
                    String down = m.down() == null || java ? null : m.down().sql();
                    String kind = java ? AppliedMigration.JAVA : m.repeatable() ? AppliedMigration.REPEATABLE
                            : AppliedMigration.SQL;
                    rows.add(new AppliedMigration(m.version(), m.description(), m.script(),
                            e.checksum() != null ? e.checksum() : m.checksum(), down, kind,
                            iso(e.at() != null ? e.at() : now),
                            e.appliedBy() != null ? e.appliedBy() : importer,
                            e.executionMs() == null ? 0 : e.executionMs(), true,
                            note(e.check(), e.at() == null, e.where())));
                }
            } else {
                rows.clear();
            }
            rows.sort(Comparator.comparing(AppliedMigration::version));
            return new ImportPlan(tool, table.name(), rows, problems, new ArrayList<>(hints), notes);
        }
    }

    private static String iso(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof byte[] b) {
            return ToolChecksums.hex(b);
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    private static long number(Object v, long otherwise) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    /** A boolean as engines store it: true/false, 1/0, 't'/'f', 'true'/'false'. */
    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        String s = text(v).strip().toLowerCase(Locale.ROOT);
        return s.equals("t") || s.equals("true") || s.equals("1") || s.equals("y") || s.equals("yes");
    }

    /**
     * A time as a tool stored it: an instant, a wall-clock time read in {@code zone}, or text (ISO-8601 with or
     * without offset, {@code 2025-01-02 03:04:05[.fff]}, as SQLite's {@code CURRENT_TIMESTAMP} writes it, in
     * {@code zone}); null when there is none or it cannot be read.
     */
    static Instant instant(Object v, ZoneId zone) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof LocalDateTime t) {
            return t.atZone(zone).toInstant();
        }
        if (!(v instanceof String s) || s.isBlank()) {
            return null;
        }
        String t = s.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T").replaceFirst(" ?UTC$", "Z")
                .replaceFirst(" ([+-]\\d{2}(:?\\d{2})?)$", "$1").replaceFirst("([+-]\\d{2})$", "$1:00");
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // no offset: a wall-clock time
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
