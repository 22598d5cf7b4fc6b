package org.careid.face.challenge;

import java.util.Locale;

/**
 * A head turn the person is asked for, in the person's own terms ("turn your head to your left").
 * In an unmirrored camera frame the person's left is the image's right, so a turn to the left moves
 * the nose towards the image's right eye and makes {@link FrameGeometry#yaw()} positive.
 */
public enum HeadTurn {
    LEFT(1),
    RIGHT(-1);

    private final int yawSign;

    HeadTurn(int yawSign) {
        this.yawSign = yawSign;
    }

    /** The sign of the yaw change this turn produces in an unmirrored frame. */
    public int yawSign() {
        return yawSign;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HeadTurn of(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
