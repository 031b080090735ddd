package dev.godwit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GodwitMojoTest {
    @Test
    void aFailureShowsGodwitsMessageItsProblemsAndItsNextStep() {
        GodwitException e = new GodwitException(ErrorCode.VALIDATION_FAILED, "history and files disagree",
                "revert the file or run repair", List.of("2_add_email.sql: changed"));

        assertThat(GodwitMojo.describe(e)).isEqualTo("godwit: history and files disagree\n"
                + "  2_add_email.sql: changed\n"
                + "hint: revert the file or run repair");
    }

    @Test
    void withoutASessionTheConfiguredValueIsUsed() {
        StatusMojo mojo = new StatusMojo();

        assertThat(mojo.userProperty("url", "sqlite:app.db")).isEqualTo("sqlite:app.db");
    }
}
