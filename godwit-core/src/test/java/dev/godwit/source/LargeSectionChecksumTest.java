package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.Checksum;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.FileSlice;
import dev.godwit.migration.Migration;
import dev.godwit.migration.SqlBody;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file too large to hold is read once to find its sections, and hashed by the read that runs it: the checksum
 * recorded is that of the section read whole, and it is not taken twice.
 */
class LargeSectionChecksumTest {
    private static final String UP = "CREATE TABLE t (id INTEGER, v TEXT);  \r\n"
            + "INSERT INTO t VALUES (1, 'a;\tb');\n\n\tINSERT INTO t VALUES (2, 'caf\u00e9 \u20ac');   \n\n";

    @TempDir
    Path tmp;

    @Test
    void theFirstPassFindsTheSectionsWithoutHashingAndTheRunningReadTakesTheChecksum() throws Exception {
        Path file = tmp.resolve("1_big.sql");
        Files.writeString(file, "\uFEFF-- a header comment\n-- migrate:up\n" + UP + "-- migrate:down\nDROP TABLE t;\n");

        Migration m = readLarge(file);
        FileSlice slice = ((SqlBody) m.up()).large();
        assertThat(slice).isNotNull();
        assertThat(slice.checksumKnown()).as("the first pass does not hash").isFalse();
        assertThat(m.checksumPending()).isTrue();

        String text;
        try (Reader r = slice.open()) {
            char[] half = new char[10];
            assertThat(r.read(half)).isEqualTo(10);
            assertThat(slice.checksumKnown()).as("a read that stopped part-way knows no checksum").isFalse();
        }
        StringBuilder all = new StringBuilder();
        try (Reader r = slice.open()) {
            r.transferTo(new java.io.Writer() {
                @Override
                public void write(char[] c, int off, int len) {
                    all.append(c, off, len);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
            text = all.toString();
            assertThat(slice.checksumKnown()).as("read to its end: hashed on the way").isTrue();
        }
        String whole = UP.replace("\r\n", "\n").stripTrailing();
        assertThat(Checksum.normalise(text)).isEqualTo(Checksum.normalise(whole));
        assertThat(m.checksum()).isEqualTo(Checksum.of(UP)).isEqualTo(slice.checksum());
        assertThat(m.checksumPending()).isFalse();
    }

    @Test
    void askedBeforeAnyRunTheChecksumIsTakenByAReadOfItsOwn() throws Exception {
        Path file = tmp.resolve("2_big.sql");
        Files.writeString(file, "-- migrate:up\n" + UP);
        Migration m = readLarge(file);
        assertThat(m.checksum()).isEqualTo(Checksum.of(UP));
        assertThat(((SqlBody) m.up()).large().checksumKnown()).isTrue();
    }

    /** Reads {@code file} as the folder reads a file above its size limit. */
    private static Migration readLarge(Path file) throws Exception {
        long size = Files.size(file);
        Resource large = new Resource() {
            @Override
            public String name() {
                return file.getFileName().toString();
            }

            @Override
            public String read() {
                throw new AssertionError("a large file is not read whole");
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public Optional<Path> large() {
                return Optional.of(file);
            }
        };
        FileProblems problems = new FileProblems();
        List<Migration> read = new SectionedFileFormat().read(List.of(large), problems);
        assertThat(problems.isEmpty()).as("%s", problems).isTrue();
        assertThat(read).hasSize(1);
        return read.get(0);
    }
}
