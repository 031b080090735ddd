package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationFilesTest {
    private static final Clock FROZEN = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void twoFilesCreatedInOneSecondTakeTheNextFreeVersion() {
        Path a = MigrationFiles.create(dir, "a", FROZEN);
        Path b = MigrationFiles.create(dir, "b", FROZEN);
        Path again = MigrationFiles.create(dir, "a", FROZEN);

        assertThat(a.getFileName()).hasToString("20261201100000_a.sql");
        assertThat(b.getFileName()).hasToString("20261201100001_b.sql");
        assertThat(again.getFileName()).hasToString("20261201100002_a.sql");
    }

    @Test
    void aVersionUsedByAnyFileOfTheFolderIsTaken() throws Exception {
        Files.writeString(dir.resolve("20261201100000_x.up.sql"), "SELECT 1;");
        Files.createDirectories(dir.resolve("20261201100001_y"));
        assertThat(MigrationFiles.create(dir, "z", FROZEN).getFileName()).hasToString("20261201100002_z.sql");
    }

    @Test
    void filesCreatedConcurrentlyInOneSecondNeverShareAVersion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Path>> created = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "m" + i;
            created.add(pool.submit(() -> MigrationFiles.create(dir, name, FROZEN)));
        }
        for (Future<Path> f : created) {
            f.get();
        }
        pool.shutdown();
        try (Stream<Path> files = Files.list(dir)) {
            List<String> versions = files.map(p -> p.getFileName().toString().split("_")[0]).toList();
            assertThat(versions).hasSize(40).doesNotHaveDuplicates();
        }
    }

    @Test
    void namesKeepLettersOfEveryScriptAndReplaceOnlyWhatIsUnsafeInAPath() {
        assertThat(MigrationFiles.sanitise("ünïcödé tåble")).isEqualTo("ünïcödé_tåble");
        assertThat(MigrationFiles.sanitise("u\u0308nico\u0301de")).as("NFC").isEqualTo("ünicóde");
        assertThat(MigrationFiles.sanitise("日本語")).isEqualTo("日本語");
        assertThat(MigrationFiles.sanitise("Добавить Таблицу")).as("lower case in every script")
                .isEqualTo("добавить_таблицу");
        assertThat(MigrationFiles.sanitise("../../etc/passwd")).isEqualTo("etc_passwd");
        assertThat(MigrationFiles.sanitise("add users: v2.0 (draft)")).isEqualTo("add_users_v2_0_draft");
        assertThat(MigrationFiles.sanitise("add-users")).isEqualTo("add-users");
        for (String bad : new String[] {"---", "...", " ", "/", "_-_", ""}) {
            assertThatThrownBy(() -> MigrationFiles.sanitise(bad)).as(bad).isInstanceOf(GodwitException.class)
                    .hasMessageContaining("not a usable migration NAME")
                    .satisfies(e -> assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.USAGE));
        }
    }

    @Test
    void aNameTooLongForAFileNameIsRefusedBeforeWritingAnything() throws Exception {
        assertThatThrownBy(() -> MigrationFiles.create(dir, "表".repeat(80), FROZEN))
                .isInstanceOf(GodwitException.class).hasMessageContaining("too long for a file name");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void theFileItWritesIsNotWrittenYetAndHasNoRollbackUntilFilledIn() {
        assertThat(MigrationFiles.TEMPLATE).startsWith("-- migrate:up\n").contains("\n-- migrate:down\n");
        assertThat(MigrationFiles.TEMPLATE.lines().filter(l -> !l.isBlank()).allMatch(l -> l.startsWith("--")))
                .isTrue();
    }
}
