package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Protected runs ({@code --confirm}, {@code GODWIT_CONFIRM=1}) show the database and the plan and ask. */
class ProtectedCliIT {
    @TempDir
    Path tmp;
    CliProject f;

    @BeforeEach
    void setUp() throws IOException {
        f = CliProject.blog(tmp);
    }

    @Test
    void aProtectedUpWithoutATerminalAndWithoutYesIsRefusedBeforeAnyChange() {
        Cli.Result r = f.godwit("up", "--confirm");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("protected database: sqlite:" + f.db)
                .contains("will apply 3 migration(s):").contains("1  1_create_users.sql")
                .contains("3  3_seed.sql").contains("pass --yes");
        assertThat(Files.exists(f.db)).isFalse();
    }

    @Test
    void godwitConfirmInTheEnvironmentProtectsToo() {
        f.godwit("up", "--step", "1");
        String before = f.fingerprint();
        f.env.put("GODWIT_CONFIRM", "1");

        Cli.Result r = f.godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(f.fingerprint()).isEqualTo(before);
    }

    @Test
    void yesAnswersTheQuestion() {
        f.env.put("GODWIT_CONFIRM", "1");

        Cli.Result r = f.godwit("up", "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void onATerminalOnlyYesGoesAhead() {
        Cli.Result no = f.interactive("n\n", "--confirm", "up");
        assertThat(no.exit()).as(no.toString()).isEqualTo(2);
        assertThat(Files.exists(f.db)).isFalse();

        Cli.Result yes = f.interactive("yes\n", "--confirm", "up");
        assertThat(yes.exit()).as(yes.toString()).isZero();
        assertThat(yes.err()).contains("will apply 3 migration(s)").contains("Type 'yes' to confirm");
        assertThat(SqliteDb.history(f.db)).hasSize(3);
    }

    @Test
    void aProtectedDownShowsWhatItWillRevert() {
        f.godwit("up");
        String before = f.fingerprint();

        Cli.Result r = f.godwit("down", "--step", "2", "--confirm");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("will revert 2 migration(s):").contains("3  3_seed.sql")
                .contains("2  2_create_posts.sql");
        assertThat(f.fingerprint()).isEqualTo(before);
        assertThat(f.godwit("down", "--step", "2", "--confirm", "--yes").exit()).isZero();
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1");
    }

    @Test
    void nothingToDoAndDryRunsAndRehearsalsNeedNoConfirmation() {
        f.godwit("up");
        f.env.put("GODWIT_CONFIRM", "1");

        assertThat(f.godwit("up").exit()).isZero();
        assertThat(f.godwit("down", "--dry-run").exit()).isZero();
        assertThat(f.godwit("down", "--rehearse").exit()).isZero();
    }

    @Test
    void theDatabaseIsShownRedacted() {
        Cli.Result r = Cli.run(f.env, "--url", "sqlite:" + f.db + "?password=hunter2", "--dir", f.dir.toString(),
                "--confirm", "up");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("password=***").doesNotContain("hunter2");
    }
}
