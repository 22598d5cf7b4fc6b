package org.careid.face;

/**
 * Why a photo is analysed; decides the multi-face policy.
 * <ul>
 * <li>ENROLLMENT: the operator controls the scene, so any second face that is not tiny (box area at
 * least 1/9 of the largest, i.e. at least a third of its width) refuses the sample with
 * MULTIPLE_FACES: we must be sure whose template is stored.</li>
 * <li>AUTHENTICATION: at a bedside device colleagues or patients may be in the background; the
 * largest face is used only when it clearly dominates (every other face has at most half its box
 * area, i.e. is about 30 % narrower, so further from the camera); otherwise MULTIPLE_FACES, because
 * it is unclear who is asking.</li>
 * </ul>
 */
public enum FacePurpose {
    ENROLLMENT(1.0 / 9),
    AUTHENTICATION(0.5);

    private final double competingAreaRatio;

    FacePurpose(double competingAreaRatio) {
        this.competingAreaRatio = competingAreaRatio;
    }

    /** A second face with at least this share of the largest face's box area makes the photo ambiguous. */
    public double competingAreaRatio() {
        return competingAreaRatio;
    }
}
