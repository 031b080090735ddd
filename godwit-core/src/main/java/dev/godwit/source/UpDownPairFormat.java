package dev.godwit.source;

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
 * {@code <version>_<description>.up.sql} with an optional {@code <version>_<description>.down.sql}: each file is
 * one whole section. A down file needs its up file, named alike.
 *
 * <p>Two rules for a file without statements (empty, blank or only comments): Godwit's own (the default), where an
 * up file without statements is "not written yet" and a down file without statements counts as none; and
 * golang-migrate's ({@link #golangMigrate()}, for {@code --format golang-migrate}), where either is a valid no-op
 * migration, applied, rolled back and recorded like any other. The names are the same, so the folder cannot tell
 * which tool wrote it: a folder told automatically keeps Godwit's rule, which at worst leaves a no-op out with a
 * warning naming {@code --format golang-migrate}; the other way round would record a draft as applied.
 */
public final class UpDownPairFormat implements MigrationFormat {
    private static final Pattern NAME = Pattern.compile("(\\d+(?:\\.\\d+)*)_([^/\\\\]+?)(\\.up|\\.down)\\.sql");

    private final boolean blankIsNoOp;

    /** Godwit's own rule: an up file without statements is not written yet. */
    public UpDownPairFormat() {
        this(false);
    }

    private UpDownPairFormat(boolean blankIsNoOp) {
        this.blankIsNoOp = blankIsNoOp;
    }

    /** golang-migrate's rule: an empty (or comment-only) up or down file is a no-op migration. */
    public static UpDownPairFormat golangMigrate() {
        return new UpDownPairFormat(true);
    }

    @Override
    public boolean reads(String name) {
        return FormatReading.startsWithDigit(name) && (name.endsWith(".up.sql") || name.endsWith(".down.sql"))
                && NAME.matcher(name).matches();
    }

    @Override
    public String naming() {
        return "'<version>_<description>.up.sql' and '.down.sql'";
    }

    @Override
    public List<Migration> read(List<Resource> resources, FileProblems problems) {
        MigrationFileParser parser = new MigrationFileParser();
        List<Half> ups = new ArrayList<>();
        Map<Version, Half> downs = new TreeMap<>();
        for (Resource r : resources) {
            Matcher m = FormatReading.named(NAME, r);
            Version version = Version.parse(m.group(1));
            String description = m.group(2).replace('_', ' ').strip();
            SqlBody body;
            if (r.large().isPresent() && m.group(3).equals(".up")) {
                body = parser.parseLarge(r.name(), r.large().get(), r.size(), true, problems).up();
            } else {
                String text = FormatReading.text(r, problems);
                if (text == null) {
                    continue;
                }
                body = parser.parseWhole(r.name(), text, problems);
            }
            if (body != null && blankIsNoOp) {
                body = new SqlBody(body.file(), body.firstLine(), body.text(), body.directives().withBlankIsNoOp(),
                        body.large());
            }
            Half half = new Half(version, r.name(), description, body);
            if (m.group(3).equals(".up")) {
                ups.add(half);
            } else {
                Half previous = downs.putIfAbsent(version, half);
                if (previous != null) {
                    problems.add(r.name(), 0, "version " + version + " has two .down.sql files: also "
                            + previous.file(), "keep one file per version and direction");
                }
            }
        }
        for (Half down : downs.values()) {
            Half up = ups.stream().filter(u -> u.version().equals(down.version())).findFirst().orElse(null);
            if (up == null) {
                problems.add(down.file(), 0, "a down file without its up file",
                        "add '" + down.file().replace(".down.sql", ".up.sql") + "' or remove the down file");
            } else if (!up.description().equals(down.description())) {
                problems.add(down.file(), 0, "the down file's name does not match its up file " + up.file(),
                        "name both '<version>_<description>.up.sql' and '.down.sql' alike");
            }
        }
        List<Migration> out = new ArrayList<>();
        for (Half up : ups) {
            if (up.body() == null) {
                continue;
            }
            Half down = downs.get(up.version());
            out.add(new Migration(up.version(), up.description(), up.file(), up.body(),
                    down == null ? null : down.body(), up.body().checksumUnlessLarge()));
        }
        return out;
    }

    private record Half(Version version, String file, String description, SqlBody body) {
    }
}
