package dev.godwit.source;

import dev.godwit.migration.Checksum;
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
 * The prefixed golang-migrate style some applications' own runners use: {@code V<digits>.<Name>.up.sql} with an
 * optional {@code V<digits>.<Name>.down.sql}; each file is one whole section, as in golang-migrate.
 */
public final class PrefixedPairFormat implements MigrationFormat {
    static final Pattern NAME = Pattern.compile("V(\\d+)\\.([^/\\\\]+?)\\.(up|down)\\.sql");

    @Override
    public boolean reads(String name) {
        return name.startsWith("V") && NAME.matcher(name).matches();
    }

    @Override
    public String naming() {
        return "'V<version>.<Name>.up.sql' and '.down.sql'";
    }

    @Override
    public List<Migration> read(List<Resource> resources, FileProblems problems) {
        MigrationFileParser parser = new MigrationFileParser();
        Map<Version, SqlBody> ups = new LinkedHashMap<>();
        Map<Version, String> names = new LinkedHashMap<>();
        Map<Version, SqlBody> downs = new LinkedHashMap<>();
        for (Resource r : resources) {
            Matcher m = FormatReading.named(NAME, r);
            String text = FormatReading.text(r, problems);
            if (text == null) {
                continue;
            }
            Version version = Version.parse(m.group(1));
            SqlBody body = parser.parseWhole(r.name(), text, problems);
            if (body == null) {
                continue;
            }
            Map<Version, SqlBody> side = m.group(3).equals("up") ? ups : downs;
            SqlBody previous = side.putIfAbsent(version, body);
            if (previous != null) {
                problems.add(r.name(), 0, "version " + version + " has two ." + m.group(3) + ".sql files: also "
                        + previous.file(), "keep one file per version and direction");
            } else if (side == ups) {
                names.put(version, m.group(2));
            }
        }
        List<Migration> out = new ArrayList<>();
        for (Map.Entry<Version, SqlBody> up : ups.entrySet()) {
            out.add(new Migration(up.getKey(), names.get(up.getKey()).replace('_', ' ').strip(), up.getValue().file(),
                    up.getValue(), downs.remove(up.getKey()), Checksum.of(up.getValue().text())));
        }
        for (SqlBody down : downs.values()) {
            problems.add(down.file(), 0, "a down file without its up file",
                    "add '" + down.file().replace(".down.sql", ".up.sql") + "' or remove the down file");
        }
        return out;
    }
}
