package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.Actions;
import org.junit.jupiter.api.Test;

class CliWordsTest {
    @Test
    void theLibrarysActionsComeOutAsTheCommandsAndFlagsTheyStoodForBefore() {
        assertThat(CliWords.render("wait for it to finish, or " + Actions.RAISE_LOCK_TIMEOUT))
                .isEqualTo("wait for it to finish, or raise --lock-timeout");
        assertThat(CliWords.render("fix the database by hand, then " + Actions.REPAIR + " and " + Actions.UP
                + " again")).isEqualTo("fix the database by hand, then run 'godwit repair' and 'godwit up' again");
        assertThat(CliWords.render("check the path in " + Actions.URL + "; " + Actions.STATUS + " and "
                + Actions.VALIDATE + " only read"))
                .isEqualTo("check the path in --url; 'godwit status' and 'godwit validate' only read");
        assertThat(CliWords.render("or " + Actions.NO_BACKUP + "; " + Actions.DRY_RUN + "; " + Actions.DRIFT
                + "; or " + Actions.RAISE_REQUEST_TIMEOUT)).isEqualTo("or pass --no-backup; use --dry-run; "
                + "'godwit drift'; or give it longer with --request-timeout SECONDS");
    }

    @Test
    void textWithoutActionsIsLeftAsItIs() {
        assertThat(CliWords.render("check the network and the server")).isEqualTo("check the network and the server");
    }
}
