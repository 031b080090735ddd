package dev.godwit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.GodwitException;
import dev.godwit.RunResult;
import dev.godwit.migration.Version;
import dev.godwit.plan.Status;
import dev.godwit.plan.StatusEntry;
import dev.godwit.plan.Step;
import java.io.PrintStream;

/** The JSON documents the CLI prints with {@code --json}: a contract scripts depend on. */
final class Json {
    /** Made (and Jackson loaded) on the first document, not by the counts text output borrows from here. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private Json() {
    }

    static ObjectNode object() {
        return Mapper.MAPPER.createObjectNode();
    }

    static ObjectNode status(Status status) {
        ObjectNode root = Mapper.MAPPER.createObjectNode();
        putVersion(root, "current", status.current());
        root.put("applied", appliedCount(status));
        root.put("pending", status.toApply());
        ArrayNode list = root.putArray("migrations");
        for (StatusEntry e : status.entries()) {
            ObjectNode m = list.addObject();
            m.put("version", e.version().text());
            m.put("description", e.description());
            m.put("script", e.script());
            m.put("state", e.state().label());
            if (e.version().isRepeatable()) {
                m.put("repeatable", true);
            }
            m.put("checksum", e.checksum());
            m.put("applied_at", e.appliedAt());
            if (e.executionMs() == null) {
                m.putNull("execution_ms");
            } else {
                m.put("execution_ms", e.executionMs());
            }
            if (e.note() != null) {
                m.put("note", e.note());
            }
        }
        return root;
    }

    /** History rows that count as applied: every successful row, a baseline included. */
    static long appliedCount(Status status) {
        return status.entries().stream().filter(e -> e.appliedAt() != null
                && e.state() != dev.godwit.plan.State.FAILED).count();
    }

    static ObjectNode run(RunResult r, boolean withSql) {
        ObjectNode root = Mapper.MAPPER.createObjectNode();
        root.put("direction", r.direction().label());
        root.put("dry_run", r.dryRun());
        putVersion(root, "current", r.current());
        ArrayNode list = root.putArray("migrations");
        for (int i = 0; i < r.steps().size(); i++) {
            RunResult.StepResult s = r.steps().get(i);
            ObjectNode m = list.addObject();
            m.put("version", s.version().text());
            m.put("description", s.description());
            m.put("script", s.script());
            m.put("execution_ms", s.executionMs());
            if (s.alreadyDone()) {
                m.put("already_done", true);
            }
            if (withSql) {
                Step step = r.plan().steps().get(i);
                m.put("sql", step.sql());
            }
        }
        if (!r.plan().warnings().isEmpty()) {
            ArrayNode w = root.putArray("warnings");
            r.plan().warnings().forEach(x -> w.add(CliWords.render(x)));
        }
        return root;
    }

    /** {@code --version --json}: the version lines as fields. */
    static ObjectNode version(String[] lines) {
        ObjectNode root = Mapper.MAPPER.createObjectNode();
        root.put("name", "godwit");
        root.put("version", lines.length > 0 ? lines[0].replaceFirst("^godwit ", "") : "unknown");
        root.put("java", lines.length > 1 ? lines[1].replaceFirst("^Java ", "") : System.getProperty("java.version"));
        return root;
    }

    /** {@code --help --json}: the command and its usage text, as {@code --help} prints it. */
    static ObjectNode usage(String command, String text) {
        ObjectNode root = Mapper.MAPPER.createObjectNode();
        root.put("command", command);
        root.put("usage", text);
        return root;
    }

    static void printError(PrintStream out, GodwitException e) {
        ObjectNode root = Mapper.MAPPER.createObjectNode();
        root.set("error", error(e));
        print(out, root);
    }

    /** An error as the {@code error} member of a document. */
    static ObjectNode error(GodwitException e) {
        ObjectNode err = Mapper.MAPPER.createObjectNode();
        err.put("code", e.code().name().toLowerCase(java.util.Locale.ROOT));
        err.put("exit_code", e.code().exitCode());
        err.put("message", e.getMessage());
        err.put("hint", CliWords.render(e.hint()));
        return err;
    }

    static void print(PrintStream out, ObjectNode node) {
        try {
            out.println(Mapper.MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putVersion(ObjectNode node, String field, Version v) {
        if (v == null) {
            node.putNull(field);
        } else {
            node.put(field, v.text());
        }
    }
}
