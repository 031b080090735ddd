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
}
