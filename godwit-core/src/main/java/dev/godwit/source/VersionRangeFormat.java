package dev.godwit.source;

import dev.godwit.migration.Checksum;
import dev.godwit.migration.Directives;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import dev.godwit.migration.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version ranges, as hand-rolled runners name them: {@code v1.0_to_v1.1.sql} (optionally {@code _<name>}) moves the
 * schema to its target version {@code 1.1}; {@code rollback/v1.1_to_v1.0.sql} moves it back. Files with the same
 * target run in name order as one step ({@code v1.0_to_v1.1.sql} then {@code v1.0_to_v1.1_git_integration.sql});
 * their rollbacks run in the opposite order. Such a step is recorded under its first file's name; a failing
 * statement is named with that first file and a line counted through the files joined in order (not yet per file).
 */
public final class VersionRangeFormat implements MigrationFormat {
    static final Pattern UP = Pattern.compile("v(\\d+(?:\\.\\d+)*)_to_v(\\d+(?:\\.\\d+)*)(?:_([^/\\\\]+))?\\.sql");
    static final Pattern DOWN = Pattern.compile("rollback/" + UP.pattern());

    @Override
    public boolean reads(String name) {
        return name.startsWith("v") && UP.matcher(name).matches()
                || name.startsWith("rollback/") && DOWN.matcher(name).matches();
    }

    @Override
    public String naming() {
        return "'v<from>_to_v<to>.sql' with 'rollback/v<to>_to_v<from>.sql'";
    }

    @Override
    public List<Migration> read(List<Resource> resources, FileProblems problems) {
        Map<Version, List<String[]>> ups = new TreeMap<>();
        Map<Version, List<String[]>> downs = new TreeMap<>();
        for (Resource r : resources) {
            Matcher down = DOWN.matcher(r.name());
            Matcher up = UP.matcher(r.name());
            boolean isDown = down.matches();
            Matcher m = isDown ? down : up;
            if (!isDown && !up.matches()) {
                throw new IllegalArgumentException("not a file of this format: " + r.name());
            }
            String text = FormatReading.text(r, problems);
            if (text == null) {
                continue;
            }
            Version from = Version.parse(m.group(1));
            Version to = Version.parse(m.group(2));
            if (isDown ? from.compareTo(to) <= 0 : from.compareTo(to) >= 0) {
                problems.add(r.name(), 0, isDown ? "a rollback that does not go down (" + from + " to " + to + ")"
                        : "a migration that does not go up (" + from + " to " + to + ")",
                        isDown ? "name rollbacks 'rollback/v<newer>_to_v<older>.sql'"
                                : "name migrations 'v<older>_to_v<newer>.sql'");
                continue;
            }
            (isDown ? downs : ups).computeIfAbsent(isDown ? from : to, v -> new ArrayList<>())
                    .add(new String[] {r.name(), text, m.group(3) == null ? "" : m.group(3)});
        }
        List<Migration> out = new ArrayList<>();
        for (Map.Entry<Version, List<String[]>> e : ups.entrySet()) {
            List<String[]> files = e.getValue();
            SqlBody up = joined(files);
            List<String[]> rollback = downs.remove(e.getKey());
            SqlBody down = null;
            if (rollback != null) {
                List<String[]> reversed = new ArrayList<>(rollback);
                java.util.Collections.reverse(reversed);
                down = joined(reversed);
            }
            String description = files.stream().map(f -> f[2].replace('_', ' ').strip()).filter(d -> !d.isEmpty())
                    .reduce((a, b) -> a + ", " + b).orElse("to " + e.getKey());
            out.add(new Migration(e.getKey(), description, files.get(0)[0], up, down, Checksum.of(up.text())));
        }
        for (List<String[]> orphan : downs.values()) {
            problems.add(orphan.get(0)[0], 0, "a rollback without a migration to its version",
                    "add the migration it reverts, or remove the rollback");
        }
        return out;
    }

    private static SqlBody joined(List<String[]> files) {
        StringBuilder text = new StringBuilder();
        for (String[] f : files) {
            if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
            text.append(f[1]);
        }
        return new SqlBody(files.get(0)[0], 1, text.toString(), Directives.NONE);
    }
}
