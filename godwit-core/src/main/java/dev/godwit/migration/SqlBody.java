package dev.godwit.migration;

import java.util.Objects;

/**
 * SQL text as written in a migration file, not yet cut into statements: it is split for a target's dialect when
 * the plan is made ({@link MigrationSet#prepare}).
 *
 * @param file       file name relative to the location the migration was read from
 * @param firstLine  line in that file where the text begins (1-based)
 * @param text       the text
 * @param directives switches found in the text's leading comments (and its file's header)
 * @param large      for a section too large to hold in memory, where it is read from as it runs (then {@code text} is
 *                   only its beginning, for messages); {@code null} for text held whole
 */
public record SqlBody(String file, int firstLine, String text, Directives directives, FileSlice large)
        implements MigrationBody {
    public SqlBody {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(directives, "directives");
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine must be >= 1: " + firstLine);
        }
    }

    /** SQL text held whole. */
    public SqlBody(String file, int firstLine, String text, Directives directives) {
        this(file, firstLine, text, directives, null);
    }

    /**
     * The checksum of the text ({@link Checksum#of}); for a large section, the one taken as it was read to its end
     * (reading it now when it was not: {@link FileSlice#checksum()}).
     *
     * @return the checksum
     */
    public String checksum() {
        return large != null ? large.checksum() : Checksum.of(text);
    }

    /**
     * The checksum for a {@link Migration} made of this body: known now for text held whole, {@code null} for a
     * large section, whose checksum the migration asks for only when it is needed (a run takes it as it streams
     * the section).
     *
     * @return the checksum, or null for a large section
     */
    public String checksumUnlessLarge() {
        return large != null ? null : checksum();
    }
}
