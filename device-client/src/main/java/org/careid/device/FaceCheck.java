package org.careid.device;

import java.util.List;

/**
 * The server's live guidance on one camera frame ({@code POST /api/v1/faces/check}): how many faces
 * it sees, whether the chosen one is good enough to authenticate with, and what to fix otherwise
 * ({@code reasons}: stable names such as {@code NO_FACE}, {@code TOO_DARK}, {@code MASKED}).
 * It compares the frame with nobody, so it may be called as often as the screen needs.
 */
public record FaceCheck(int faceCount, boolean acceptable, double score, List<String> reasons) {
}
