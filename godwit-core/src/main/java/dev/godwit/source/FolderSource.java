package dev.godwit.source;

import dev.godwit.GodwitException;
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
import java.util.function.Predicate;
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
    private final Map<String, String> placeholders;
    private volatile String detected;
    /** What the files are read with, for {@link #contentDigest}; null: formats given in code, no digest. */
    private final String settings;
    /** The files {@link #contentDigest} listed and read, taken by the next {@link #load}. */
    private volatile List<Resource> listedAhead;

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
        this.placeholders = null;
        this.detected = null;
        this.settings = null;
    }

    private FolderSource(Path folder, Consumer<String> warnings, List<MigrationFormat> formats, String settings) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.formats = List.copyOf(formats);
        this.placeholders = null;
        this.settings = settings;
    }

    private FolderSource(Path folder, Consumer<String> warnings, Map<String, String> placeholders) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.formats = null;
        this.placeholders = Map.copyOf(placeholders);
        this.settings = "auto " + new java.util.TreeMap<>(placeholders);
    }

    /**
     * A folder in the format named ({@link MigrationFormats#NAMES}); {@code auto} (or {@code null}) tells it from
     * the folder: Flyway's {@code V<version>__} names, goose's {@code -- +goose Up} files, else Godwit's own formats
     * (which read dbmate, golang-migrate and sqlx folders). A folder mixing Flyway's names with others is a problem
     * naming the files of each.
     *
     * @param placeholders values for {@code ${name}} placeholders, where the format has them
     */
    public static FolderSource inFormat(Path folder, Consumer<String> warnings, String format,
                                        Map<String, String> placeholders) {
        List<MigrationFormat> named = MigrationFormats.named(format, placeholders);
        if (named != null) {
            String name = format.strip().toLowerCase(java.util.Locale.ROOT);
            FolderSource s = new FolderSource(folder, warnings, named, name + " "
                    + new java.util.TreeMap<>(placeholders));
            s.detected = name;
            return s;
        }
        return new FolderSource(folder, warnings, placeholders);
    }

    /** The format the folder was read in ({@code godwit}, {@code flyway}, {@code goose}), once loaded. */
    public java.util.Optional<String> format() {
        return java.util.Optional.ofNullable(detected);
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
        List<Resource> ahead = listedAhead;
        listedAhead = null;
        if (formats != null) {
            FileProblems problems = new FileProblems();
            ResourceProvider provider = provider(warnings);
            return read(provider.describe(), ahead != null ? ahead : provider.list(problems), formats, problems,
                    detected);
        }
        FlywayFormat flyway = new FlywayFormat(placeholders);
        DieselFormat diesel = new DieselFormat();
        List<MigrationFormat> all = new ArrayList<>(FORMATS);
        all.add(flyway);
        all.add(new PrefixedPairFormat());
        all.add(new VersionRangeFormat());
        FileProblems problems = new FileProblems();
        ResourceProvider provider = provider(warnings);
        List<Resource> listed = ahead != null ? ahead : provider.list(problems);
        if (listed.stream().anyMatch(r -> diesel.reads(r.name()))) {
            detected = "diesel";
            return read(provider.describe(), listed, List.of(diesel), problems, detected);
        }
        List<String> flywayNames = listed.stream().map(Resource::name).filter(flyway::reads).toList();
        List<String> others = listed.stream().map(Resource::name).filter(n -> !flyway.reads(n))
                .filter(n -> FORMATS.stream().anyMatch(f -> f.reads(n))).toList();
        if (!flywayNames.isEmpty() && !others.isEmpty()) {
            problems.add(folder.toString(), 0, "the folder mixes migration formats: Flyway ("
                    + String.join(", ", flywayNames) + ") and Godwit's own (" + String.join(", ", others) + ")",
                    "keep one format per folder, or force one with --format NAME and move the other files away");
            detected = "mixed";
            return read(provider.describe(), listed, all, problems, detected);
        }
        if (!flywayNames.isEmpty()) {
            detected = "flyway";
            return read(provider.describe(), listed, List.of(flyway), problems, detected);
        }
        VersionRangeFormat ranges = new VersionRangeFormat();
        if (listed.stream().anyMatch(r -> ranges.reads(r.name()))) {
            detected = "ranges";
            return read(provider.describe(), listed, List.of(ranges), problems, detected);
        }
        PrefixedPairFormat prefixed = new PrefixedPairFormat();
        if (listed.stream().anyMatch(r -> prefixed.reads(r.name()))) {
            detected = "prefixed";
            return read(provider.describe(), listed, List.of(prefixed), problems, detected);
        }
        GooseFormat goose = new GooseFormat();
        Resource first = listed.stream().filter(r -> goose.reads(r.name())).findFirst().orElse(null);
        if (first != null && isGoose(first)) {
            // goose writes '-- +goose Up' in every file: the first one tells, the others are checked when read
            detected = "goose";
            return read(provider.describe(), listed, List.of(goose), problems, detected);
        }
        detected = "godwit";
        return read(provider.describe(), listed, FORMATS, problems, detected);
    }

    /**
     * The folder's files as {@link #load} lists them, telling {@code said} what it leaves out: which names count as
     * migrations (for the checks of subfolders) and which subfolders hold migrations depend on the formats.
     */
    private FolderResources provider(Consumer<String> said) {
        if (formats != null) {
            Predicate<String> reads = name -> formats.stream().anyMatch(f -> f.reads(name));
            return new FolderResources(folder, said, reads, reads);
        }
        List<MigrationFormat> all = List.of(FORMATS.get(0), FORMATS.get(1), new FlywayFormat(placeholders),
                new PrefixedPairFormat(), new VersionRangeFormat());
        DieselFormat diesel = new DieselFormat();
        VersionRangeFormat rangeNames = new VersionRangeFormat();
        return new FolderResources(folder, said, name -> all.stream().anyMatch(f -> f.reads(name))
                || diesel.reads(name), name -> diesel.reads(name) || rangeNames.reads(name));
    }

    /** True unless the formats were given in code (their settings are not known to the digest). */
    @Override
    public boolean digestible() {
        return settings != null;
    }

    /**
     * Lists and reads the folder's files (kept for the next {@link #load}) and digests their names and texts with
     * the settings they are read with. Empty when the formats were given in code, when listing says anything (a
     * warning or a problem: {@link #load} says it), or when a file is too large to read whole.
     */
    @Override
    public java.util.Optional<String> contentDigest() {
        if (settings == null) {
            return java.util.Optional.empty();
        }
        List<String> said = new ArrayList<>();
        FileProblems problems = new FileProblems();
        List<Resource> listed;
        try {
            listed = provider(said::add).list(problems);
        } catch (GodwitException e) {
            return java.util.Optional.empty(); // load() says it
        }
        if (!said.isEmpty() || !problems.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.security.MessageDigest digest = ContentDigest.start("folder", settings);
        for (Resource r : listed) {
            if (r.large().isPresent()) {
                return java.util.Optional.empty();
            }
            String text;
            try {
                text = r.read();
            } catch (GodwitException e) {
                return java.util.Optional.empty();
            }
            ContentDigest.add(digest, r.name());
            ContentDigest.add(digest, text);
        }
        listedAhead = listed;
        return java.util.Optional.of(ContentDigest.finish(digest));
    }

    /** Reads what {@code provider} lists through {@code formats} (a class path location); a version used twice is a
     * problem. */
    static MigrationSet read(ResourceProvider provider, List<MigrationFormat> formats) {
        FileProblems problems = new FileProblems();
        return read(provider.describe(), provider.list(problems), formats, problems, null);
    }

    /** Reads {@code resources} through {@code formats}; a version used twice is a problem. */
    static MigrationSet read(String location, List<Resource> resources, List<MigrationFormat> formats,
                             FileProblems problems) {
        return read(location, resources, formats, problems, null);
    }

    private static boolean isGoose(Resource r) {
        try {
            return GooseFormat.isGoose(r.large().isPresent() ? head(r.large().get()) : r.read());
        } catch (GodwitException e) {
            return false; // named when the file is read
        }
    }

    /** The first lines of a file too large to read whole (what telling its format needs). */
    private static String head(java.nio.file.Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            String text = new String(in.readNBytes(1 << 16), java.nio.charset.StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? text : text.substring(0, end + 1);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static MigrationSet read(String location, List<Resource> resources, List<MigrationFormat> formats,
                                     FileProblems problems, String formatName) {
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
        return new MigrationSet(location, kept, problems, formatName);
    }
}
