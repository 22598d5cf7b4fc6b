package org.careid.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.careid.biometric.MatchOutcome;
import org.careid.web.ApiException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;

/**
 * A face capture the server could not compare with anyone (no face, several faces, too dark...).
 * That is a property of the picture, not of a person, so the device is told what to fix: problem
 * {@code capture-rejected} with a stable {@code reason} and all {@code reasons} (the quality issue
 * names of {@code /api/v1/faces/check}: NO_FACE, MULTIPLE_FACES, TOO_DARK...). Only when every
 * presented sample was such a face: as soon as a sample was compared, the answer stays the generic
 * {@code authentication-failed}, which reveals nothing about who is enrolled or locked out.
 */
final class CaptureProblem {
    /** Most useful advice first: without a single face, nothing else can be judged. */
    private static final List<String> PRIORITY = List.of("NO_FACE", "MULTIPLE_FACES", "FACE_CUT_OFF", "TOO_SMALL",
            "TOO_DARK", "TOO_BRIGHT", "BLURRY", "POSE", "LOW_CONFIDENCE", "MASKED");
    private static final Map<String, String> ADVICE = Map.of(
            "NO_FACE", "no face was found in the picture",
            "MULTIPLE_FACES", "more than one face is in the picture; only the clinician should face the camera",
            "FACE_CUT_OFF", "the face is partly outside the picture",
            "TOO_SMALL", "the face is too far from the camera",
            "TOO_DARK", "the picture is too dark",
            "TOO_BRIGHT", "the picture is too bright",
            "BLURRY", "the picture is blurred; hold still",
            "POSE", "the head is turned or tilted; look straight at the camera",
            "LOW_CONFIDENCE", "the face is not clearly visible",
            "MASKED", "the face is covered (mask); add a fingerprint or PIN");

    private CaptureProblem() {}

    /** The answer for an attempt whose only samples are faces that could not be compared; empty otherwise. */
    static Optional<ApiException> of(List<MatchOutcome> outcomes) {
        if (outcomes.isEmpty() || outcomes.stream().anyMatch(o -> o.captureIssues().isEmpty())) {
            return Optional.empty();
        }
        List<String> issues = outcomes.stream().flatMap(o -> o.captureIssues().stream()).distinct()
                .sorted((a, b) -> Integer.compare(rank(a), rank(b))).toList();
        if (issues.contains("MASKED")) {
            return Optional.empty(); // second-factor-required answers it, with reason "masked"
        }
        String first = issues.get(0);
        return Optional.of(new ApiException(Problem.of(ProblemType.CAPTURE_REJECTED,
                        "Capture again: " + ADVICE.getOrDefault(first, "the face capture is not usable"))
                .with("reason", first)
                .with("reasons", issues)));
    }

    private static int rank(String issue) {
        int index = PRIORITY.indexOf(issue);
        return index < 0 ? PRIORITY.size() : index;
    }
}
