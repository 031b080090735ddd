package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitException;
import dev.godwit.lint.LintReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check the migration files for risky or broken SQL with the rules of --url's engine, without "
                + "connecting (--live: reading the database's objects too). Exit 1 when a finding at or above "
                + "--fail-on (default error) is present.")
final class LintCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Mixin
    LintOptions options;

    @Option(names = "--live", description = "Also read the database (changing nothing) so that the rules know "
            + "its indexes, views and triggers that no migration in the folder created. SQLite and PostgreSQL.")
    boolean live;

    @Option(names = "--sarif", description = "Print SARIF 2.1.0 (for code-scanning tools) instead of text.")
    boolean sarif;

    @Override
    public Integer call() {
        if (sarif && root.global.json) {
            throw new GodwitException(ErrorCode.USAGE, "give only one of --json and --sarif",
                    "--json prints Godwit's own document, --sarif the format code-scanning tools read");
        }
        var threshold = options.threshold();
        var settings = options.settings();
        Godwit godwit = Godwit.create(root.config(root.listener()));
        LintReport report = godwit.lint(settings, live);
        if (sarif) {
            Json.print(root.out, LintOutput.sarif(report, root.migrationsDir()));
        } else if (root.global.json) {
            Json.print(root.out, LintOutput.json(report, threshold));
        } else {
            LintOutput.text(root.out, report);
        }
        return report.failsAt(threshold) ? ErrorCode.VALIDATION_FAILED.exitCode() : 0;
    }
}
