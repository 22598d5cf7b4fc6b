package org.careid.face.challenge;

/**
 * Thresholds of the head-turn check, derived in docs/PAD.md ("Active challenge") from the landmark
 * geometry of the real camera clip and of simulated tilted photos.
 *
 * @param minFaceFraction   share of frames that must show one face
 * @param baselineFrames    frames with a face at the start whose median yaw is the frontal reference
 * @param frontalTolerance  a start frame is frontal when within this yaw of the reference
 * @param minFrontalFrames  frontal frames needed at the start
 * @param maxFrontalYaw     the reference itself must be about frontal (|yaw| at most this)
 * @param minIod            median eye distance (px) of the frontal frames
 * @param maxRoll           |roll| (degrees) of the frontal frames
 * @param minTurn           yaw change from the reference, in the requested direction, that counts as a turn
 * @param minTurnFrames     consecutive qualifying turn frames needed
 * @param minWidthRatio     a turn frame's width over the reference width, at least
 * @param minParallax       yaw change over (1 - width ratio), at least: a flat picture tilted by hand
 *                          narrows much more than its nose moves
 * @param maxJump           landmark displacement between frames (eye distances per frame), at most
 * @param minMotion         summed landmark displacement over the burst (eye distances), at least
 */
public record TurnRules(double minFaceFraction, int baselineFrames, double frontalTolerance, int minFrontalFrames,
                        double maxFrontalYaw, double minIod, double maxRoll, double minTurn, int minTurnFrames,
                        double minWidthRatio, double minParallax, double maxJump, double minMotion) {

    public static TurnRules defaults() {
        return new TurnRules(0.8, 3, 0.08, 3, 0.2, 32, 20, 0.35, 2, 0.55, 0.9, 1.5, 0.5);
    }
}
