package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.drift.SchemaDrift;
import dev.godwit.drift.SchemaObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "List the schema objects added, removed or changed outside migrations since the last run "
                + "(compared with the fingerprint recorded after it). Exit 1 when the schema drifted.")
final class DriftCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Override
    public Integer call() {
        Optional<SchemaDrift> drift = Godwit.create(root.config(root.listener())).drift();
        if (root.global.json) {
            Json.print(root.out, json(drift));
        } else if (drift.isEmpty()) {
            root.out.println("no schema fingerprint recorded yet: the next 'godwit up' records one");
        } else {
            SchemaDrift d = drift.get();
            String since = "since the run recorded at " + d.recorded().recordedAt() + " (version "
                    + (d.recorded().version() == null ? "none" : d.recorded().version()) + ")";
            if (!d.drifted()) {
                root.out.println("no drift " + since + ": " + d.live().objects().size() + " object(s) as recorded");
            } else {
                root.out.println("drift " + since + ": " + d.size() + " object(s) changed outside migrations");
                d.describe().forEach(line -> root.out.println("  " + line));
                root.err.println("  hint: put the change into a migration (or undo it by hand); the next run "
                        + "records the schema it leaves");
            }
        }
        return drift.map(SchemaDrift::drifted).orElse(false) ? ErrorCode.VALIDATION_FAILED.exitCode() : 0;
    }

    static ObjectNode json(Optional<SchemaDrift> drift) {
        ObjectNode doc = new ObjectMapper().createObjectNode();
        doc.put("recorded", drift.isPresent());
        doc.put("drift", drift.map(SchemaDrift::drifted).orElse(false));
        if (drift.isEmpty()) {
            return doc;
        }
        SchemaDrift d = drift.get();
        doc.put("recorded_at", d.recorded().recordedAt());
        doc.put("recorded_version", d.recorded().version());
        doc.put("recorded_fingerprint", d.recorded().fingerprint());
        doc.put("live_fingerprint", d.live().fingerprint());
        objects(doc.putArray("added"), d.added());
        objects(doc.putArray("removed"), d.removed());
        ArrayNode changed = doc.putArray("changed");
        for (SchemaDrift.Change c : d.changed()) {
            ObjectNode o = changed.addObject();
            o.put("kind", c.after().kind());
            o.put("name", c.after().name());
            o.put("before", c.before().definition());
            o.put("after", c.after().definition());
        }
        return doc;
    }

    private static void objects(ArrayNode into, List<SchemaObject> objects) {
        for (SchemaObject o : objects) {
            ObjectNode n = into.addObject();
            n.put("kind", o.kind());
            n.put("name", o.name());
            n.put("definition", o.definition());
        }
    }
}
