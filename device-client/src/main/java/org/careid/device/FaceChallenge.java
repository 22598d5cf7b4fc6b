package org.careid.device;

import java.time.Instant;
import java.util.List;

/**
 * A head-turn challenge from {@code POST /api/v1/auth/face/challenge}: show {@code prompt}, record
 * about 2 s of frames at 10-15 fps ({@code minFrames} to {@code maxFrames}) and send them with
 * {@link CareIdClient#answerFaceChallenge} before {@code expiresAt}. The nonce is single use.
 *
 * @param instruction the turns in order, in the person's terms: {@code left}, {@code right}
 */
public record FaceChallenge(String nonce, List<String> instruction, String prompt, Instant expiresAt, long deadlineMs,
                            int minFrames, int maxFrames) {
    public FaceChallenge {
        instruction = List.copyOf(instruction);
    }
}
