package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.plan.State;
import dev.godwit.plan.Status;
import dev.godwit.plan.StatusEntry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check that every applied migration matches its file and that no applied file is missing. "
                + "Exit 1 and list each problem otherwise.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Override
    public Integer call() {
        Status status = Godwit.create(root.config(root.listener())).validate();
        List<StatusEntry> problems = status.problems();
        if (root.global.json) {
            ObjectNode doc = new ObjectMapper().createObjectNode();
            doc.put("valid", problems.isEmpty());
            ArrayNode list = doc.putArray("problems");
            for (StatusEntry e : problems) {
                ObjectNode p = list.addObject();
                p.put("version", e.version().text());
                p.put("script", e.script());
                p.put("state", e.state().label());
                p.put("message", message(e));
            }
            Json.print(root.out, doc);
        } else if (problems.isEmpty()) {
            long applied = status.count(State.APPLIED);
            root.out.println("valid: " + applied + " applied migration(s) match their files");
        } else {
            root.out.println("invalid: " + problems.size() + " problem(s)");
            for (StatusEntry e : problems) {
                root.out.println("  " + e.version().text() + " " + e.script() + ": " + message(e));
            }
            root.err.println("  hint: revert edited files (or run 'godwit repair' to accept the edits), restore "
                    + "missing files, and clear failed rows with 'godwit repair'");
        }
        return problems.isEmpty() ? 0 : ErrorCode.VALIDATION_FAILED.exitCode();
    }

    private static String message(StatusEntry e) {
        return switch (e.state()) {
            case CHANGED -> "changed since it was applied (checksum differs)";
            case MISSING -> "applied, but the file is gone";
            case FAILED -> "failed part-way" + (e.note() == null ? "" : ": " + e.note());
            default -> e.state().label();
        };
    }
}
