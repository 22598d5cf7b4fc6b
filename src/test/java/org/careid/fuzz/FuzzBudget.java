package org.careid.fuzz;

/**
 * How long each target fuzzes when JAZZER_FUZZ=1 (scripts/fuzz): whichever of the two comes first.
 * Without JAZZER_FUZZ the fuzz tests replay their seed corpus (src/test/resources/org/careid/fuzz)
 * as regression tests in the ordinary suite.
 */
final class FuzzBudget {
    static final long EXECUTIONS = 10_000;
    static final String DURATION = "120s";

    private FuzzBudget() {
    }
}
