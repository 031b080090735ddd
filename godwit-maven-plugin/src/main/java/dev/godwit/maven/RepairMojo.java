package dev.godwit.maven;

import dev.godwit.Godwit;
import dev.godwit.plan.RepairPlan;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Removes failed history rows and re-records edited migrations' checksums, under the migration lock. */
@Mojo(name = "repair", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class RepairMojo extends GodwitMojo {
    @Override
    void run(Godwit godwit) {
        RepairPlan done = godwit.repair(godwit.repairPlan());
        if (done.isEmpty()) {
            getLog().info("godwit: nothing to repair");
        }
        done.actions().forEach(a -> getLog().info("godwit: repaired: " + a.describe()));
        done.notes().forEach(getLog()::info);
    }
}
