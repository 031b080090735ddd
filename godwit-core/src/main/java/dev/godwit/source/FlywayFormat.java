package dev.godwit.source;

import dev.godwit.migration.Checksum;
import dev.godwit.migration.Directives;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import dev.godwit.migration.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's SQL naming: versioned {@code V<version>__<description>.sql}, where {@code _} and {@code .} both separate
 * the version's parts ({@code V1_10} is 1.10 and sorts after {@code V1_9}), and undo {@code U<version>__<description>
 * .sql} (the migration's down). {@code ${name}} placeholders are replaced with the values given (the command line's
 * {@code --placeholder}, the configuration's {@code [placeholders]}) and Flyway's built-ins
 * ({@code ${flyway:table}}, {@code ${flyway:filename}}, and {@code ${flyway:defaultSchema}}, {@code ${flyway:user}},
 * {@code ${flyway:database}} when given); a placeholder without a value names its file and line. The checksum of a
 * versioned migration is the file's text before replacement, as Flyway's is: a new value is not an edit.
 *
 * <p>Repeatable migrations ({@code R__<description>.sql}) have no version: keyed {@link Version#repeatable} by
 * their description, they run after the versioned migrations of every run, in order of description, whenever new
 * or changed since last applied. Their checksum is taken after placeholders are replaced, so a new value applies
 * them again. They have no undo.
 */
public final class FlywayFormat implements MigrationFormat {
    static final Pattern NAME = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");

    private final Map<String, String> placeholders;

    public FlywayFormat() {
        this(Map.of());
    }

    /** @param placeholders values for {@code ${name}} placeholders (built-ins as {@code flyway:user}) */
    public FlywayFormat(Map<String, String> placeholders) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("flyway:table", "flyway_schema_history");
        all.putAll(placeholders);
        this.placeholders = Map.copyOf(all);
    }

    @Override
    public boolean reads(String name) {
        if (name.isEmpty() || "VUR".indexOf(name.charAt(0)) < 0 || name.contains("/")) {
            return false; // cheap test first
        }
        return NAME.matcher(name).matches() || REPEATABLE.matcher(name).matches();
    }

    @Override
    public String naming() {
        return "'V<version>__<description>.sql' (Flyway; undo 'U<version>__<description>.sql', repeatable "
                + "'R__<description>.sql')";
    }

    @Override
    public List<Migration> read(List<Resource> resources, FileProblems problems) {
        List<Half> versioned = new ArrayList<>();
        Map<Version, Half> undos = new HashMap<>();
        java.util.Set<Version> versionedNames = new java.util.HashSet<>();
        List<Migration> out = new ArrayList<>();
        for (Resource r : resources) {
            Matcher rm = REPEATABLE.matcher(r.name());
            if (rm.matches()) {
                String text = replaced(r, problems);
                if (text != null) {
                    String description = rm.group(1).replace('_', ' ').strip();
                    out.add(new Migration(Version.repeatable(description), description, r.name(),
                            new SqlBody(r.name(), 1, text, Directives.DETECT_NO_TRANSACTION), null,
                            Checksum.of(text)));
                }
                continue;
            }
            Matcher m = FormatReading.named(NAME, r);
            Version version = Version.parse(m.group(2).replace('_', '.'));
            if (m.group(1).equals("V")) {
                versionedNames.add(version);
            }
            String raw = FormatReading.text(r, problems);
            if (raw == null) {
                continue;
            }
            String text = replace(r, raw, problems);
            if (text == null) {
                continue;
            }
            Half half = new Half(version, m.group(3).replace('_', ' ').strip(), r.name(), raw,
                    new SqlBody(r.name(), 1, text, Directives.DETECT_NO_TRANSACTION));
            if (m.group(1).equals("V")) {
                versioned.add(half);
            } else {
                Half previous = undos.putIfAbsent(version, half);
                if (previous != null) {
                    problems.add(r.name(), 0, "version " + version + " has two undo files: also " + previous.file(),
                            "keep one 'U<version>__<description>.sql' per version");
                }
            }
        }
        for (Half v : versioned) {
            Half undo = undos.remove(v.version());
            out.add(new Migration(v.version(), v.description(), v.file(), v.body(),
                    undo == null ? null : undo.body(), Checksum.of(v.raw())));
        }
        for (Half undo : undos.values()) {
            if (versionedNames.contains(undo.version())) {
                continue; // its versioned file has a problem of its own
            }
            problems.add(undo.file(), 0, "an undo file without its versioned migration",
                    "add 'V" + undo.version() + "__" + undo.description().replace(' ', '_')
                            + ".sql' or remove the undo file");
        }
        return out;
    }

    /** The resource's text with its placeholders replaced, or {@code null} after naming why not. */
    private String replaced(Resource r, FileProblems problems) {
        String raw = FormatReading.text(r, problems);
        return raw == null ? null : replace(r, raw, problems);
    }

    private String replace(Resource r, String raw, FileProblems problems) {
        Map<String, String> values = new HashMap<>(placeholders);
        values.put("flyway:filename", r.name());
        return Placeholders.replace(r.name(), raw, values, problems,
                "give it a value: --placeholder NAME=VALUE, or 'NAME = \"…\"' under [placeholders] in godwit.toml");
    }

    private record Half(Version version, String description, String file, String raw, SqlBody body) {
    }
}
