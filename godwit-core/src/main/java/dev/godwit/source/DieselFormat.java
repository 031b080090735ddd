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
 * Diesel's folders: {@code <version>_<name>/up.sql} with an optional {@code down.sql}. The version is the folder
 * name up to the first {@code _} with everything but digits dropped ({@code 2024-03-13_170000_x} is
 * {@code 20240313}), as Diesel reads it, and versions are ordered as Diesel orders them, as text
 * ({@link Version#orderedAsText}): {@code 20240313} runs after {@code 20240101120000}, and a 14-digit version
 * before an 18-digit one that starts with greater digits. A blank (or comment-only) {@code up.sql} or
 * {@code down.sql} is a migration that does nothing, as in Diesel. {@code 00000000000000_diesel_initial_setup}
 * runs like any other.
 */
public final class DieselFormat implements MigrationFormat {
    static final Pattern NAME = Pattern.compile("(\\d[^_/\\\\]*)(?:_([^/\\\\]*))?/(up|down)\\.sql");

    @Override
    public boolean reads(String name) {
        return FormatReading.startsWithDigit(name) && name.indexOf('/') > 0 && NAME.matcher(name).matches();
    }

    @Override
    public String naming() {
        return "'<version>_<name>/up.sql' and 'down.sql' (Diesel)";
    }

    @Override
    public List<Migration> read(List<Resource> resources, FileProblems problems) {
        Map<String, SqlBody[]> byFolder = new LinkedHashMap<>();
        for (Resource r : resources) {
            Matcher m = FormatReading.named(NAME, r);
            String text = FormatReading.text(r, problems);
            if (text == null) {
                continue;
            }
            String folder = r.name().substring(0, r.name().indexOf('/'));
            SqlBody[] pair = byFolder.computeIfAbsent(folder, f -> new SqlBody[2]);
            pair[m.group(3).equals("up") ? 0 : 1] = new SqlBody(r.name(), 1, text, Directives.BLANK_IS_NO_OP);
        }
        List<Migration> out = new ArrayList<>();
        for (Map.Entry<String, SqlBody[]> e : byFolder.entrySet()) {
            String folder = e.getKey();
            SqlBody[] pair = e.getValue();
            if (pair[0] == null) {
                problems.add(folder + "/down.sql", 0, "a Diesel down.sql without its up.sql",
                        "add '" + folder + "/up.sql' or remove the folder");
                continue;
            }
            String prefix = folder.contains("_") ? folder.substring(0, folder.indexOf('_')) : folder;
            String digits = prefix.replaceAll("\\D", "");
            String description = folder.contains("_") ? folder.substring(folder.indexOf('_') + 1) : folder;
            out.add(new Migration(Version.orderedAsText(digits), description.replace('_', ' ').strip(),
                    pair[0].file(), pair[0], pair[1], Checksum.of(pair[0].text())));
        }
        return out;
    }
}
