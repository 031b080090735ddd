package dev.godwit.source;

import dev.godwit.GodwitException;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.MigrationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Migrations from a folder of the class path ({@code classpath:db/migration}), in directories and jars alike
 * ({@link ClasspathResources}), read in Godwit's own formats.
 */
final class ClasspathSource implements MigrationSource {
    private final String location;
    private final ClasspathResources resources;
    /** The files {@link #contentDigest} listed and read, taken by the next {@link #load}. */
    private volatile List<Resource> listedAhead;

    ClasspathSource(String location, String folder, ClassLoader loader) {
        this.location = location;
        List<MigrationFormat> formats = FolderSource.FORMATS;
        this.resources = new ClasspathResources(folder, loader, name -> formats.stream().anyMatch(f -> f.reads(name)));
    }

    @Override
    public MigrationSet load() {
        List<Resource> ahead = listedAhead;
        listedAhead = null;
        FileProblems problems = new FileProblems();
        return FolderSource.read(resources.describe(), ahead != null ? ahead : resources.list(problems),
                FolderSource.FORMATS, problems);
    }

    @Override
    public boolean digestible() {
        return true;
    }

    /** Lists and reads the files (kept for the next {@link #load}); empty when listing or reading finds a problem. */
    @Override
    public Optional<String> contentDigest() {
        FileProblems problems = new FileProblems();
        List<Resource> read = new ArrayList<>();
        java.security.MessageDigest digest = ContentDigest.start("classpath", "godwit formats");
        try {
            for (Resource r : resources.list(problems)) {
                String text = r.read();
                ContentDigest.add(digest, r.name());
                ContentDigest.add(digest, text);
                read.add(new Read(r.name(), text));
            }
        } catch (GodwitException e) {
            return Optional.empty(); // load() says it
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        listedAhead = read;
        return Optional.of(ContentDigest.finish(digest));
    }

    @Override
    public String describe() {
        return location;
    }

    /** A file of the class path as it was read. */
    private record Read(String name, String text) implements Resource {
        @Override
        public String read() {
            return text;
        }
    }
}
