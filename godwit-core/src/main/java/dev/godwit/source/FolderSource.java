package dev.godwit.source;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Migrations from the {@code .sql} files directly inside one folder ({@link FolderResources}), in the formats Godwit
 * reads ({@link #FORMATS}): {@code <version>_<description>.sql} with sections ({@link SectionedFileFormat}) and
 * {@code .up.sql} / {@code .down.sql} pairs ({@link UpDownPairFormat}). Nothing here knows a database: the files
 * are read once into a {@link MigrationSet}, whose problems (a name no format reads, a version used twice, a
 * format's own rules) are reported, with those of splitting for a dialect, all at once.
 */
public final class FolderSource implements MigrationSource {
    /** The formats read by default, each told by its names. */
    public static final List<MigrationFormat> FORMATS = List.of(new SectionedFileFormat(), new UpDownPairFormat());

    private final Path folder;
    private final Consumer<String> warnings;
    private final List<MigrationFormat> formats;

    public FolderSource(Path folder) {
        this(folder, w -> { });
    }

    /**
     * @param warnings hears what the user should know about the folder that does not stop a run (files it leaves
     *                 out, and why)
     */
    public FolderSource(Path folder, Consumer<String> warnings) {
        this(folder, warnings, FORMATS);
    }

    public FolderSource(Path folder, Consumer<String> warnings, List<MigrationFormat> formats) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.formats = List.copyOf(formats);
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public MigrationSet load() {
        return read(new FolderResources(folder, warnings, name -> formats.stream().anyMatch(f -> f.reads(name))),
                formats);
    }

    /** Reads what {@code provider} lists through {@code formats}; a version used twice is a problem. */
    static MigrationSet read(ResourceProvider provider, List<MigrationFormat> formats) {
        FileProblems problems = new FileProblems();
        List<Resource> resources = provider.list(problems);
        Map<MigrationFormat, List<Resource>> byFormat = new LinkedHashMap<>();
        for (Resource r : resources) {
            MigrationFormat format = formats.stream().filter(f -> f.reads(r.name())).findFirst().orElse(null);
            if (format == null) {
                problems.add(r.name(), 0, "the name matches no migration format", "name migrations "
                        + formats.stream().map(MigrationFormat::naming).collect(Collectors.joining(" or "))
                        + ", e.g. '20250101120000_create_users.sql'");
            } else {
                byFormat.computeIfAbsent(format, f -> new ArrayList<>()).add(r);
            }
        }
        List<Migration> read = new ArrayList<>();
        byFormat.forEach((format, own) -> read.addAll(format.read(own, problems)));
        read.sort(Comparator.comparing(Migration::script));
        Map<Version, String> firstOfVersion = new HashMap<>();
        List<Migration> kept = new ArrayList<>();
        for (Migration m : read) {
            String previous = firstOfVersion.putIfAbsent(m.version(), m.script());
            if (previous != null) {
                problems.add(m.script(), 0, "version " + m.version() + " is used twice: also by " + previous,
                        "give each migration its own version; rename one of the files");
            } else {
                kept.add(m);
            }
        }
        return new MigrationSet(provider.describe(), kept, problems);
    }
}
