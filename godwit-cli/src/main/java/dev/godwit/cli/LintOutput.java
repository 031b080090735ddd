package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintReport;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Severity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Lint findings as text, as Godwit's JSON document, and as SARIF 2.1.0. */
final class LintOutput {
    static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LintOutput() {
    }

    static void text(PrintStream out, LintReport report) {
        for (Finding f : report.findings()) {
            out.println(line(f));
            out.println("    fix: " + f.fix());
        }
        out.println(summary(report));
    }

    static String line(Finding f) {
        return f.file() + ":" + f.line() + ": " + f.severity().label() + " " + f.rule().id() + ": " + f.message();
    }

    static String summary(LintReport report) {
        String ignored = report.ignored() == 0 ? "" : ", " + report.ignored() + " ignored by lint-ignore comments";
        if (report.findings().isEmpty()) {
            return "no findings (" + report.engine() + " rules: " + report.rules().size() + ignored + ")";
        }
        return report.findings().size() + " finding(s): " + report.count(Severity.ERROR) + " error(s), "
                + report.count(Severity.WARNING) + " warning(s), " + report.count(Severity.INFO) + " info ("
                + report.engine() + " rules" + ignored + ")";
    }

    static ObjectNode json(LintReport report, Severity failOn) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("engine", report.engine());
        root.put("fail_on", failOn.label());
        root.put("failed", report.failsAt(failOn));
        root.put("ignored", report.ignored());
        ArrayNode rules = root.putArray("rules");
        report.rules().forEach(r -> rules.add(r.id()));
        ArrayNode list = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode o = list.addObject();
            o.put("rule", f.rule().id());
            o.put("severity", f.severity().label());
            o.put("version", f.version());
            o.put("file", f.file());
            o.put("line", f.line());
            o.put("message", f.message());
            o.put("fix", f.fix());
        }
        return root;
    }

    /**
     * SARIF 2.1.0 with what code-scanning tools require: {@code version}, {@code $schema}, the tool's name and rules,
     * and per result the rule id, level, message and a physical location (file URI relative to the working folder
     * when the migrations are below it, and the start line).
     */
    static ObjectNode sarif(LintReport report, Path migrations) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "godwit");
        driver.put("version", version());
        ArrayNode rules = driver.putArray("rules");
        List<Rule> all = List.of(Rule.values());
        for (Rule r : all) {
            ObjectNode o = rules.addObject();
            o.put("id", r.id());
            o.putObject("shortDescription").put("text", r.description());
            o.putObject("help").put("text", r.fix());
            o.putObject("defaultConfiguration").put("level", r.defaultSeverity().sarifLevel());
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode o = results.addObject();
            o.put("ruleId", f.rule().id());
            o.put("ruleIndex", all.indexOf(f.rule()));
            o.put("level", f.severity().sarifLevel());
            o.putObject("message").put("text", f.message() + ". Fix: " + f.fix());
            ObjectNode physical = o.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(migrations.resolve(f.file())));
            physical.putObject("region").put("startLine", f.line());
        }
        return root;
    }

    /** Relative to the working folder (as repositories lay files out) when below it, else a file: URI. */
    static String uri(Path file) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(cwd)) {
            return cwd.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toUri().toString();
    }

    private static String version() {
        try {
            String first = new GodwitCli.Version().getVersion()[0];
            return first.substring(first.indexOf(' ') + 1);
        } catch (IOException e) {
            return "unknown";
        }
    }
}
