package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {
    @TempDir
    Path tmp;

    private Map<String, DotEnv.Entry> read(String text, Map<String, String> env) throws IOException {
        Path f = tmp.resolve(".env");
        Files.writeString(f, text);
        return DotEnv.read(f, env);
    }

    @Test
    void readsTheLinesDbmateReads() throws IOException {
        Map<String, DotEnv.Entry> e = read("""
                # a comment

                PLAIN=sqlite:app.db
                export EXPORTED=yes
                SPACED = value with spaces   # a comment
                SINGLE='no ${EXPANSION} here # nor comment'
                DOUBLE="line\\nbreak and \\"quotes\\" ${PLAIN}"
                FROM_ENV=${USER_NAME}/x
                EMPTY=
                """, Map.of("USER_NAME", "ann"));

        assertThat(e.get("PLAIN")).isEqualTo(new DotEnv.Entry("sqlite:app.db", 3));
        assertThat(e.get("EXPORTED").value()).isEqualTo("yes");
        assertThat(e.get("SPACED").value()).isEqualTo("value with spaces");
        assertThat(e.get("SINGLE").value()).isEqualTo("no ${EXPANSION} here # nor comment");
        assertThat(e.get("DOUBLE").value()).isEqualTo("line\nbreak and \"quotes\" sqlite:app.db");
        assertThat(e.get("FROM_ENV").value()).isEqualTo("ann/x");
        assertThat(e.get("EMPTY").value()).isEmpty();
    }

    @Test
    void aLineThatIsNotKeyValueIsAnErrorNamingTheLineButNotItsText() {
        assertThatThrownBy(() -> read("A=1\nhunter2\n", Map.of()))
                .isInstanceOfSatisfying(GodwitException.class, g -> {
                    assertThat(g.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(g.getMessage()).contains(".env:2: not a KEY=VALUE line").doesNotContain("hunter2");
                });
        assertThatThrownBy(() -> read("A=\"open\n", Map.of())).hasMessageContaining(".env:1: the value of A opens");
    }
}
