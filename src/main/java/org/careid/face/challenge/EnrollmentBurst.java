package org.careid.face.challenge;

import java.util.List;

import org.careid.face.FaceAnalysis;

/**
 * The verdict on a burst answering an enrollment challenge at the kiosk: refused with the reason
 * (audited, never shown to the person), or passed with the frontal frames to enroll as samples,
 * already analysed for enrollment (quality gate and passive check passed on each).
 *
 * @param passed  the head turn, continuity, passive check and identity hold all passed
 * @param reason  why not, for the audit trail (null when passed)
 * @param samples the chosen frontal frames: index in the burst and their analysis
 * @param passive median passive score of the frontal frames (null when the track failed first)
 */
public record EnrollmentBurst(boolean passed, String reason, List<Sample> samples, Double passive, double padThreshold) {

    /** One frame of the burst to enroll. */
    public record Sample(int frame, FaceAnalysis analysis) {}

    static EnrollmentBurst refused(String reason, Double passive, double padThreshold) {
        return new EnrollmentBurst(false, reason, List.of(), passive, padThreshold);
    }

    static EnrollmentBurst passed(List<Sample> samples, Double passive, double padThreshold) {
        return new EnrollmentBurst(true, null, List.copyOf(samples), passive, padThreshold);
    }
}
