package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path tmp;

    @Test
    void linesPlaceKeysOfTablesDottedKeysAndQuotedKeys() {
        ConfigFile.Lines lines = ConfigFile.Lines.of("""
                url = "x"
                # comment
                [backups]
                keep = 3
                [environments."prod"]
                url = "y"
                backups.keep = 1
                inline = { a = 1 }
                """);

        assertThat(lines.lineOf("url")).isEqualTo(1);
        assertThat(lines.lineOf("backups.keep")).isEqualTo(4);
        assertThat(lines.lineOf("environments.prod")).isEqualTo(5);
        assertThat(lines.lineOf("environments.prod.url")).isEqualTo(6);
        assertThat(lines.lineOf("environments.prod.backups.keep")).isEqualTo(7);
        assertThat(lines.lineOf("environments.prod.inline.a")).as("the enclosing key").isEqualTo(8);
        assertThat(lines.lineOf("nowhere")).isZero();
    }

    @Test
    void valuesComeOutTypedExpandedAndRelativeToTheFile() throws IOException {
        Path file = tmp.resolve("conf/godwit.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                url = "sqlite:${NAME}.db"
                dir = "~/m"
                lock-timeout = 5
                load-extension = "ext.so"
                [placeholders]
                n = 3
                """);

        ConfigFile c = ConfigFile.read(file, Map.of("NAME", "shop"), Path.of("/home/ann"));

        assertThat(c.base().get(SettingKey.URL).value()).isEqualTo("sqlite:" + tmp.resolve("conf/shop.db"));
        assertThat(c.base().get(SettingKey.DIR).value()).isEqualTo("/home/ann/m");
        assertThat(c.base().get(SettingKey.LOCK_TIMEOUT)).isEqualTo(new ConfigFile.Value(5, 3));
        assertThat(c.base().get(SettingKey.LOAD_EXTENSION).value()).isEqualTo(List.of(tmp.resolve("conf/ext.so").toString()));
        assertThat(c.base().get(SettingKey.PLACEHOLDERS).value()).isEqualTo(Map.of("n", "3"));
    }

    @Test
    void aNegativeTimeoutAndAnEnvironmentThatIsNotATableAreNamed() throws IOException {
        Path file = tmp.resolve("godwit.toml");
        Files.writeString(file, "lock-timeout = -1\nenvironments = 3\n");

        assertThatThrownBy(() -> ConfigFile.read(file, Map.of(), tmp))
                .hasMessageContaining(file + ":1: lock-timeout must be a whole number of seconds (0 or more)")
                .hasMessageContaining(file + ":2: environments must be a table");
    }

    @Test
    void expansionLeavesServerUrlsAloneAndExpandsATildeInSqliteUrls() {
        Path home = Path.of("/home/ann");
        assertThat(Expansion.url("sqlite:~/app.db", home, null)).isEqualTo("sqlite:/home/ann/app.db");
        assertThat(Expansion.url("~/app.db", home, null)).isEqualTo("/home/ann/app.db");
        assertThat(Expansion.url("postgres://u:p@h/db", home, Path.of("/x"))).isEqualTo("postgres://u:p@h/db");
        assertThat(Expansion.url("sqlite:app.db?mode=ro", home, Path.of("/x"))).isEqualTo("sqlite:/x/app.db?mode=ro");
        assertThat(Expansion.url("sqlite:app.db", home, null)).isEqualTo("sqlite:app.db");
    }
}
