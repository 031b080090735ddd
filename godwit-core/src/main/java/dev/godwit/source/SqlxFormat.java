package dev.godwit.source;

import dev.godwit.migration.Checksum;
import dev.godwit.migration.Directives;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import dev.godwit.migration.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sqlx's folders: simple {@code <version>_<description>.sql} files (the whole file applies the migration; there is
 * no down) or reversible {@code <version>_<description>.up.sql} / {@code .down.sql} pairs. A first line
 * {@code -- no-transaction} runs the file without a transaction, as sqlx does. Told only with {@code --format sqlx}:
 * a marker-less file reads alike as a Godwit file that lacks its {@code -- migrate:up} line.
 */
public final class SqlxFormat implements MigrationFormat {
    static final Pattern NAME = Pattern.compile("(\\d+)_([^/\\\\]+?)(\\.up|\\.down)?\\.sql");

    @Override
    public boolean reads(String name) {
        return NAME.matcher(name).matches();
    }

    @Override
    public String naming() {
        return "'<version>_<description>.sql' or '.up.sql' and '.down.sql' (sqlx)";
    }

    @Override
    public List<Migration> read(List<Resource> resources, FileProblems problems) {
        Map<Version, SqlBody> ups = new LinkedHashMap<>();
        Map<Version, String> descriptions = new LinkedHashMap<>();
        Map<Version, SqlBody> downs = new LinkedHashMap<>();
        for (Resource r : resources) {
            Matcher m = FormatReading.named(NAME, r);
            String text = FormatReading.text(r, problems);
            if (text == null) {
                continue;
            }
            boolean noTx = text.lines().findFirst().map(l -> l.strip().equals("-- no-transaction")).orElse(false);
            SqlBody body = new SqlBody(r.name(), 1, text, noTx ? new Directives(true, false) : Directives.NONE);
            Version version = Version.parse(m.group(1));
            boolean down = ".down".equals(m.group(3));
            SqlBody previous = (down ? downs : ups).putIfAbsent(version, body);
            if (previous != null) {
                problems.add(r.name(), 0, "version " + version + " is used twice: also by " + previous.file(),
                        "give each migration its own version");
            } else if (!down) {
                descriptions.put(version, m.group(2));
            }
        }
        List<Migration> out = new ArrayList<>();
        for (Map.Entry<Version, SqlBody> up : ups.entrySet()) {
            SqlBody down = downs.remove(up.getKey());
            if (down != null && !up.getValue().file().endsWith(".up.sql")) {
                problems.add(down.file(), 0, "a down file for a simple migration " + up.getValue().file(),
                        "name the pair '<version>_<description>.up.sql' and '.down.sql', as sqlx needs too");
            }
            out.add(new Migration(up.getKey(), descriptions.get(up.getKey()).replace('_', ' ').strip(),
                    up.getValue().file(), up.getValue(), down, Checksum.of(up.getValue().text())));
        }
        for (SqlBody down : downs.values()) {
            problems.add(down.file(), 0, "a down file without its up file",
                    "add '" + down.file().replace(".down.sql", ".up.sql") + "' or remove the down file");
        }
        return out;
    }
}
