package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitException;
import dev.godwit.drift.SchemaDrift;
import dev.godwit.lint.LintReport;
import dev.godwit.lint.LintSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one static, self-contained HTML page (no network): the history as a timeline with "
                + "durations and who applied each migration, failed and pending ones highlighted, lint findings and "
                + "drift. Changes nothing in the database.")
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Option(names = "--html", paramLabel = "FILE", required = true, description = "Write the page to FILE.")
    Path html;

    @Override
    public Integer call() {
        CliListener listener = root.listener();
        Godwit godwit = Godwit.create(root.config(listener));
        var status = godwit.status();
        var history = godwit.history();
        LintReport lint = godwit.lint(LintSettings.DEFAULTS);
        Optional<SchemaDrift> drift;
        String driftNote = null;
        try {
            drift = godwit.drift();
        } catch (GodwitException e) {
            if (e.code() != ErrorCode.CONFIGURATION) {
                throw e;
            }
            drift = Optional.empty();
            driftNote = e.getMessage();
        }
        String page = ReportPage.render(new ReportPage.Data(godwit.config().url().redacted(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), status, history, lint, drift, driftNote));
        try {
            Path parent = html.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(html, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "cannot write " + html + ": " + e.getMessage(),
                    "choose a writable path for --html", e);
        }
        if (root.global.json) {
            var doc = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            doc.put("html", html.toAbsolutePath().toString());
            Json.print(root.out, doc);
        } else {
            root.out.println("wrote " + html);
        }
        return 0;
    }
}
