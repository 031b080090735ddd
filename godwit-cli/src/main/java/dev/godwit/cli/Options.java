package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;

/** Checks of option values shared by commands. */
final class Options {
    private Options() {
    }

    /** 0 when not given; the value when positive; a usage error otherwise. */
    static int positiveStep(Integer step) {
        if (step == null) {
            return 0;
        }
        if (step < 1) {
            throw new GodwitException(ErrorCode.USAGE, "--step must be 1 or more, not " + step,
                    "e.g. --step 1");
        }
        return step;
    }
}
