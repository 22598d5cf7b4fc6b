package org.careid.face.quality;

/** Machine-readable reasons a face sample is not good enough (stable names for API clients). */
public enum QualityIssue {
    /** No face found. */
    NO_FACE,
    /** More than one face and none clearly dominant (or any second face at enrollment). */
    MULTIPLE_FACES,
    /** Inter-eye distance under the minimum. */
    TOO_SMALL,
    /** Variance of the Laplacian of the aligned crop under the minimum. */
    BLURRY,
    TOO_DARK,
    TOO_BRIGHT,
    /** Head turned (yaw) or tilted (roll) too far, estimated from the landmarks. */
    POSE,
    /** Lower face covered (surgical mask) or uncertain: never enroll it, never authenticate on it alone. */
    MASKED,
    /** Detector score under the minimum. */
    LOW_CONFIDENCE,
    /** Face touches the image border (partly outside the frame). */
    FACE_CUT_OFF
}
