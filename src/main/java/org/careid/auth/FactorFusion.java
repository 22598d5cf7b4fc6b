package org.careid.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.careid.biometric.MatchOutcome;

/**
 * Turns the factors presented at a device into a decision: who it is, and how many independent
 * factors were verified.
 *
 * <p>Each biometric arrives with its evidence on a common scale, {@code strength} = the estimated
 * -log10 false-match rate at its score (from that modality's measured impostor distribution),
 * less log10(N) when it was found by searching N people (a 1:N search gives a stranger about N
 * chances). For independent modalities false matches multiply, so evidence adds: the rule is the
 * sum of strengths. A single biometric is verified when it reaches its modality's own calibrated
 * threshold for the attempt (1:1 or 1:N, see the README's calibration tables). Two biometrics of the same person count as two factors
 * when each shows real evidence on its own ({@code >= 2}, FMR 1e-2) and together they reach the
 * target plus two decades ({@code >= 6}, combined FMR about 1e-6); a weak face and a weak finger
 * that would each be refused can therefore still authenticate together, but only as strongly as
 * the stricter combined bar demands. A correct PIN adds a knowledge factor, never a first one.
 */
public final class FactorFusion {
    static final double SINGLE_TARGET = 4.0;
    static final double EACH_OF_TWO = 2.0;
    static final double TWO_TARGET = 6.0;

    /** The verdict: who (or null), which factors (amr values) and how many count. */
    public record Decision(UUID staffId, List<String> amr, int factors, double fusedStrength, String failure) {
        public boolean authenticated() {
            return staffId != null && factors > 0;
        }
    }

    private FactorFusion() {}

    /**
     * @param biometrics outcomes of the presented biometrics (1:1 against the claim or 1:N)
     * @param claimedStaffId the identity the device claimed (1:1), or null (1:N)
     * @param singleTarget   -log10 of the target false-match rate for one biometric
     */
    public static Decision decide(List<MatchOutcome> biometrics, UUID claimedStaffId, double singleTarget) {
        List<MatchOutcome> evidence = biometrics.stream().filter(o -> o.staffId() != null && o.strength() > 0).toList();
        UUID who = evidence.stream().filter(MatchOutcome::matched).map(MatchOutcome::staffId).findFirst()
                .orElse(evidence.isEmpty() ? null : evidence.get(0).staffId());
        if (who == null) {
            return new Decision(null, List.of(), 0, 0, "no biometric matched");
        }
        if (claimedStaffId != null && !claimedStaffId.equals(who)) {
            return new Decision(null, List.of(), 0, 0, "biometric matched someone other than the claimed identity");
        }
        if (evidence.stream().anyMatch(o -> !o.staffId().equals(who))) {
            return new Decision(null, List.of(), 0, 0, "biometrics matched different people");
        }
        double fused = evidence.stream().mapToDouble(MatchOutcome::strength).sum();
        List<String> amr = new ArrayList<>();
        boolean twoFactors = evidence.size() >= 2 && evidence.stream().allMatch(o -> o.strength() >= EACH_OF_TWO)
                && fused >= TWO_TARGET + (singleTarget - SINGLE_TARGET);
        if (twoFactors) {
            evidence.forEach(o -> amr.add(o.modality()));
            return new Decision(who, amr, 2, fused, null);
        }
        MatchOutcome strongest = evidence.stream().max(java.util.Comparator.comparingDouble(MatchOutcome::strength)).get();
        if (strongest.matched()) {
            amr.add(strongest.modality());
            return new Decision(who, amr, 1, fused, null);
        }
        return new Decision(null, List.of(), 0, fused, "biometric evidence below the threshold");
    }
}
