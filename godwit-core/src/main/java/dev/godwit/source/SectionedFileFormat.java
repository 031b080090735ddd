package dev.godwit.source;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <version>_<description>.sql}: one file with a {@code -- migrate:up} section and optionally a
 * {@code -- migrate:down} section (or {@code -- UP} / {@code -- DOWN}), as dbmate writes them.
 */
public final class SectionedFileFormat implements MigrationFormat {
    private static final Pattern NAME = Pattern.compile("(\\d+(?:\\.\\d+)*)_([^/\\\\]+?)(\\.up|\\.down)?\\.sql");

    @Override
    public boolean reads(String name) {
        if (!FormatReading.startsWithDigit(name) || name.endsWith(".up.sql") || name.endsWith(".down.sql")) {
            return false; // cheap test first: a folder's thousand names are each asked several times
        }
        Matcher m = NAME.matcher(name);
        return m.matches() && m.group(3) == null;
    }

    @Override
    public String naming() {
        return "'<version>_<description>.sql' (with '-- migrate:up' and '-- migrate:down' sections)";
    }

    @Override
    public List<Migration> read(List<Resource> resources, FileProblems problems) {
        // many files are cut and hashed on the common pool; problems are kept per file, reported in the files' order
        record Read(Migration migration, FileProblems problems) {
        }
        List<Read> read = (FormatReading.inParallel(resources) ? resources.parallelStream() : resources.stream())
                .map(r -> {
                    FileProblems own = new FileProblems();
                    return new Read(readOne(r, own), own);
                }).toList();
        List<Migration> out = new ArrayList<>();
        for (Read r : read) {
            problems.addAll(r.problems());
            if (r.migration() != null) {
                out.add(r.migration());
            }
        }
        return out;
    }

    /** One file as a migration, or null once its problems are in {@code problems}. */
    private static Migration readOne(Resource r, FileProblems problems) {
        MigrationFileParser parser = new MigrationFileParser();
        Matcher m = FormatReading.named(NAME, r);
        MigrationFileParser.Parsed parsed;
        if (r.large().isPresent()) {
            parsed = parser.parseLarge(r.name(), r.large().get(), r.size(), false, problems);
        } else {
            String text = FormatReading.text(r, problems);
            if (text == null) {
                return null;
            }
            parsed = parser.parseSingle(r.name(), text, problems);
        }
        if (parsed.up() == null) {
            return null;
        }
        return new Migration(Version.parse(m.group(1)), m.group(2).replace('_', ' ').strip(), r.name(),
                parsed.up(), parsed.down(), parsed.up().checksumUnlessLarge());
    }
}
