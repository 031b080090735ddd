package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godwit report --html} opened in a real headless Chromium from the distribution's packages: the rendered
 * timeline, the highlights, and no console errors. Installs nothing itself: without /usr/bin/chromium it fails with
 * the command that installs it.
 */
class ReportChromiumIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    record Rendered(String dom, String log) {
    }

    private Rendered open(Path page) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("Chromium is needed to test the report page and /usr/bin/chromium is missing: "
                    + "apt-get install chromium");
        }
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        Path err = tmp.resolve("chromium.log");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--dump-dom", page.toUri().toString())
                .redirectError(err.toFile()).start();
        byte[] dom = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return new Rendered(new String(dom, StandardCharsets.UTF_8), Files.readString(err));
    }

    @Test
    void theReportShowsTheTimelineWithFailedAndPendingHighlightedLintAndDriftWithoutConsoleErrors()
            throws Exception {
        CliProject project = CliProject.blog(tmp);
        assertThat(project.godwit("up").exit()).isZero();
        project.write("4_half.sql", """
                -- godwit:no-transaction
                -- migrate:up
                CREATE TABLE half (a INT);
                INSERT INTO no_such_table VALUES (1);
                """);
        assertThat(project.godwit("up").exit()).as("a no-transaction migration that fails part-way").isEqualTo(1);
        project.write("5_tags.sql", "-- migrate:up\nCREATE TABLE tags (id INT);\n-- migrate:down\nDROP TABLE tags;\n");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + project.db);
             var s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE by_hand (x INT)");
        }
        Path page = tmp.resolve("out/report.html");

        Cli.Result r = project.godwit("report", "--html", page.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        String html = Files.readString(page);
        assertThat(html).doesNotContain("http://", "https://", "src=\"//");
        Rendered shown = open(page);
        String dom = shown.dom();
        assertThat(dom).contains("id=\"timeline\" data-rendered=\"5\"");
        for (String version : List.of("1", "2", "3")) {
            assertThat(dom).contains("<li class=\"applied\" data-version=\"" + version + "\"");
        }
        assertThat(dom).contains("<li class=\"failed\" data-version=\"4\"")
                .contains("<li class=\"pending\" data-version=\"5\"")
                .contains("class=\"duration\">").contains("class=\"by\">" + System.getProperty("user.name"));
        assertThat(dom).contains("no-down").contains("4_half.sql");
        assertThat(dom).contains("added   table by_hand");
        List<String> consoleErrors = shown.log().lines()
                .filter(l -> l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
                .toList();
        assertThat(consoleErrors).as(shown.log()).isEmpty();
    }
}
