package dev.godwit.source;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.migration.FileProblems;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The {@code .sql} files directly inside a folder of the class path ({@code classpath:db/migration}), in
 * directories and in jars alike; nested jars of a Spring Boot fat jar are read through the jar URL handler the
 * class loader gives. The same name in two class path roots is a problem (the class loader would hide one).
 */
final class ClasspathResources implements ResourceProvider {
    private final String folder;
    private final ClassLoader loader;
    private final Predicate<String> migrationName;

    ClasspathResources(String folder, ClassLoader loader, Predicate<String> migrationName) {
        this.folder = folder.replaceAll("^/+|/+$", "");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.migrationName = migrationName;
    }

    @Override
    public String describe() {
        return "classpath:" + folder;
    }

    @Override
    public List<Resource> list(FileProblems problems) {
        List<Resource> out = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            if (!roots.hasMoreElements()) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "no folder " + folder + " on the class path",
                        "check the location classpath:" + folder + " and that the migrations are packaged");
            }
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                        files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                                .filter(migrationName).forEach(n -> out.add(resource(n, root)));
                    }
                } else if (root.openConnection() instanceof JarURLConnection jar) {
                    jar.setUseCaches(false);
                    String prefix = jar.getEntryName() == null ? "" : jar.getEntryName().replaceAll("/?$", "/");
                    try (JarFile file = jar.getJarFile()) {
                        Enumeration<JarEntry> entries = file.entries();
                        while (entries.hasMoreElements()) {
                            JarEntry e = entries.nextElement();
                            String rest = e.getName().startsWith(prefix) ? e.getName().substring(prefix.length()) : "";
                            if (!e.isDirectory() && !rest.isEmpty() && !rest.contains("/")
                                    && migrationName.test(rest)) {
                                out.add(resource(rest, root));
                            }
                        }
                    }
                } else {
                    problems.add(describe(), 0, "cannot list " + root, "package the migrations in a directory or "
                            + "a jar");
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot list " + describe() + ": " + e.getMessage(),
                    "check the class path", e);
        }
        out.sort(Comparator.comparing(Resource::name));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).name().equals(out.get(i - 1).name())) {
                problems.add(out.get(i).name(), 0, "found twice on the class path: in " + ((UrlResource) out.get(i - 1))
                        .url() + " and " + ((UrlResource) out.get(i)).url(), "keep one copy of each migration");
            }
        }
        return out;
    }

    private static Resource resource(String name, URL root) {
        try {
            String base = root.toExternalForm();
            return new UrlResource(name, new URL(base.endsWith("/") ? base + name : base + "/" + name));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One file on the class path, read when asked. */
    private record UrlResource(String name, URL url) implements Resource {
        @Override
        public String read() {
            byte[] bytes;
            try {
                URLConnection c = url.openConnection();
                c.setUseCaches(false);
                try (InputStream in = c.getInputStream()) {
                    bytes = in.readAllBytes();
                }
            } catch (IOException e) {
                throw new GodwitException(ErrorCode.MIGRATION_FILE, name + ": cannot be read: " + e.getMessage(),
                        "check the packaged file", e);
            }
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                return text.startsWith("\uFEFF") ? text.substring(1) : text;
            } catch (CharacterCodingException e) {
                throw new GodwitException(ErrorCode.MIGRATION_FILE, name + ": is not UTF-8 text",
                        "save the file as UTF-8", e);
            }
        }
    }
}
