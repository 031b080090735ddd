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
 * {@code ${flyway:database}} when given); a placeholder without a value names its file and line. The checksum is the
 * file's text before replacement, as Flyway's is: a new value is not an edit.
 *
 * <p>Repeatable migrations ({@code R__<description>.sql}) are named as a problem: Godwit does not run them yet.
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
        return !name.contains("/") && (NAME.matcher(name).matches() || REPEATABLE.matcher(name).matches());
    }

    @Override
    public String naming() {
        return "'V<version>__<description>.sql' (Flyway; undo 'U<version>__<description>.sql')";
    }

    @Override
    public List<Migration> read(List<Resource> resources, FileProblems problems) {
        List<Half> versioned = new ArrayList<>();
        Map<Version, Half> undos = new HashMap<>();
        java.util.Set<Version> versionedNames = new java.util.HashSet<>();
        for (Resource r : resources) {
            if (REPEATABLE.matcher(r.name()).matches()) {
                problems.add(r.name(), 0, "a Flyway repeatable migration: Godwit does not run repeatables yet",
                        "apply it with Flyway, or turn it into a versioned 'V<version>__<description>.sql'");
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
            Map<String, String> values = new HashMap<>(placeholders);
            values.put("flyway:filename", r.name());
            String text = Placeholders.replace(r.name(), raw, values, problems,
                    "give it a value: --placeholder NAME=VALUE, or 'NAME = \"…\"' under [placeholders] in godwit.toml");
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
        List<Migration> out = new ArrayList<>();
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

    private record Half(Version version, String description, String file, String raw, SqlBody body) {
    }
}
