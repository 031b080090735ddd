package dev.godwit.source;

/** One named text a {@link ResourceProvider} lists: a file in a folder today, an entry on the classpath later. */
public interface Resource {
    /** The name relative to the location, with {@code /} between folders; formats read versions from it. */
    String name();

    /**
     * The text, strict UTF-8 with a byte order mark dropped. Throws a {@link dev.godwit.GodwitException} with
     * {@link dev.godwit.ErrorCode#MIGRATION_FILE} naming the resource when it cannot be read.
     */
    String read();

    /**
     * For a file too large to read whole (above {@link FolderResources#LARGE} bytes), its path: formats that can
     * read it as a stream do (Godwit's own: sections and {@code .up.sql}); empty for every other resource.
     */
    default java.util.Optional<java.nio.file.Path> large() {
        return java.util.Optional.empty();
    }

    /** The resource's size in bytes, when known (-1 otherwise). */
    default long size() {
        return -1;
    }
}
