package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.Godwit;
import dev.godwit.dialect.LockHolder;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Remove the migration lock by force, after saying whose it was. Meant for a runner that is "
                + "gone; its lease would also expire by itself about 30 s after it stopped renewing it. PostgreSQL: "
                + "the lock goes with its session; unlock names that session and how to end it (exit 3).")
final class UnlockCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Override
    public Integer call() {
        Godwit godwit = Godwit.create(root.config(root.listener()));
        Optional<LockHolder> removed = godwit.unlock();
        String db = godwit.config().url().redacted();
        if (root.global.json) {
            ObjectNode doc = new ObjectMapper().createObjectNode();
            doc.put("unlocked", removed.isPresent());
            if (removed.isPresent()) {
                LockHolder h = removed.get();
                ObjectNode holder = doc.putObject("holder");
                holder.put("owner", h.owner());
                holder.put("host", h.host());
                holder.put("pid", h.pid());
                holder.put("acquired_at", h.acquiredAt().toString());
                holder.put("expires_at", h.expiresAt().toString());
            } else {
                doc.putNull("holder");
            }
            Json.print(root.out, doc);
            return 0;
        }
        if (removed.isEmpty()) {
            root.out.println("no migration lock is held on " + db);
            return 0;
        }
        LockHolder h = removed.get();
        root.out.println("removed the migration lock of " + db + " held by " + h.describe());
        if (h.expiredAt(Instant.now())) {
            root.out.println("  its lease had expired at " + h.expiresAt());
        } else {
            root.err.println("warning: the lease was still valid until " + h.expiresAt() + "; if that runner is "
                    + "still working it carries on, and each of its migrations is still re-checked inside its "
                    + "transaction");
        }
        return 0;
    }
}
