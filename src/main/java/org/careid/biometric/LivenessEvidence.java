package org.careid.biometric;

/**
 * What a factor showed about the presence of a live person, for the policy and the audit: which
 * check ran ({@code passive}: one still image; {@code challenge}: a burst of frames answering a
 * head-turn challenge), whether it passed, the score and threshold of the passive model (null when
 * not measured) and a short reason when it failed. Never biometric data.
 */
public record LivenessEvidence(String method, boolean live, Double score, Double threshold, String reason) {
    public static final String PASSIVE = "passive";
    public static final String CHALLENGE = "challenge";

    public boolean attack() {
        return !live;
    }

    /** A passed active challenge (a live head turn answered in time). */
    public boolean challenged() {
        return live && CHALLENGE.equals(method);
    }
}
