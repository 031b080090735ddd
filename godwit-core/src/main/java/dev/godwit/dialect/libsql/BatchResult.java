package dev.godwit.dialect.libsql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * What each step of a batch did, by index: a result when it succeeded, an error when it failed, neither when its
 * condition skipped it.
 */
record BatchResult(List<StatementResult> stepResults, List<ServerError> stepErrors) {
    BatchResult {
        if (stepResults.size() != stepErrors.size()) {
            throw new IllegalArgumentException(
                    "results and errors differ in length: " + stepResults.size() + " vs " + stepErrors.size());
        }
        stepResults = Collections.unmodifiableList(new ArrayList<>(stepResults));
        stepErrors = Collections.unmodifiableList(new ArrayList<>(stepErrors));
    }

    int size() {
        return stepResults.size();
    }

    boolean succeeded(int step) {
        return stepResults.get(step) != null;
    }

    boolean failed(int step) {
        return stepErrors.get(step) != null;
    }

    boolean skipped(int step) {
        return !succeeded(step) && !failed(step);
    }

    /** The first step that failed, if any. */
    OptionalInt firstError() {
        for (int i = 0; i < stepErrors.size(); i++) {
            if (stepErrors.get(i) != null) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }
}
