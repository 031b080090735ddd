package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;

/** Fleet options are refused without {@code --each}, rather than ignored. */
final class FleetRunCheck {
    private FleetRunCheck() {
    }

    static void noFleetOptions(FleetOptions fleet) {
        if (fleet.jobs != null || fleet.shard != null) {
            throw new GodwitException(ErrorCode.USAGE, (fleet.jobs != null ? "--jobs" : "--shard")
                    + " works with --each only", "add --each 'tenants/*.db' (or --each @list.txt)");
        }
    }
}
