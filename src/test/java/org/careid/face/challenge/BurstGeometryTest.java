package org.careid.face.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.careid.face.detect.DetectedFace;
import org.junit.jupiter.api.Test;

/**
 * The track rules on drawn landmark tracks: a head modelled as eyes and mouth on a plane with the
 * nose 0.6 eye distances in front of it, turned by a yaw angle, against the same face as a flat
 * picture tilted (every horizontal distance shrinks alike, so the nose does not move relative to
 * the eyes). Real frames are in FaceChallengeTest.
 */
class BurstGeometryTest {
    private static final TurnRules RULES = TurnRules.defaults();
    private static final double IOD = 60;

    /** Landmarks of a head at (cx, 200) turned by {@code yawDeg} (positive: to the person's left). */
    private static FrameGeometry head(double cx, double yawDeg) {
        double t = Math.toRadians(yawDeg);
        double half = IOD / 2 * Math.cos(t);
        double nose = 0.6 * IOD * Math.sin(t);
        double[] l = {cx - half, 200, cx + half, 200, cx + nose, 230, cx - 0.8 * half, 260, cx + 0.8 * half, 260};
        return FrameGeometry.of(new DetectedFace(cx - IOD, 150, 2 * IOD, 2.4 * IOD, l, 0.95));
    }

    /** The frontal face as a flat picture tilted by {@code deg} about its vertical centre line. */
    private static FrameGeometry picture(double cx, double deg) {
        double c = Math.cos(Math.toRadians(deg));
        double[] l = {cx - IOD / 2 * c, 200, cx + IOD / 2 * c, 200, cx, 230, cx - 0.4 * IOD * c, 260, cx + 0.4 * IOD * c, 260};
        return FrameGeometry.of(new DetectedFace(cx - IOD, 150, 2 * IOD, 2.4 * IOD, l, 0.95));
    }

    private static List<FrameGeometry> turn(double... yaws) {
        List<FrameGeometry> track = new ArrayList<>();
        for (int i = 0; i < yaws.length; i++) {
            track.add(head(300 + 2 * i, yaws[i]));
        }
        return track;
    }

    @Test
    void aHeadTurnToTheLeftPassesALeftChallengeOnly() {
        List<FrameGeometry> track = turn(0, 1, 0, 0, 10, 20, 30, 40, 45, 45, 30, 10, 0);
        BurstGeometry.Verdict left = BurstGeometry.judge(track, List.of(HeadTurn.LEFT), RULES);
        assertTrue(left.passed(), left.toString());
        assertEquals(4, left.frontalFrames().size());
        BurstGeometry.Verdict right = BurstGeometry.judge(track, List.of(HeadTurn.RIGHT), RULES);
        assertFalse(right.passed());
        assertEquals("the head turns do not follow the instruction", right.reason());
    }

    @Test
    void mirroredFramesTurnTheOtherWay() {
        List<FrameGeometry> mirrored = turn(0, 0, 0, 20, 40, 45, 45, 20, 0).stream().map(FrameGeometry::mirrored).toList();
        assertTrue(BurstGeometry.judge(mirrored, List.of(HeadTurn.RIGHT), RULES).passed());
    }

    @Test
    void twoStepsMustComeInOrder() {
        List<FrameGeometry> track = turn(0, 0, 0, 25, 45, 45, 20, 0, -25, -45, -45, -20, 0);
        assertTrue(BurstGeometry.judge(track, List.of(HeadTurn.LEFT, HeadTurn.RIGHT), RULES).passed());
        assertFalse(BurstGeometry.judge(track, List.of(HeadTurn.RIGHT, HeadTurn.LEFT), RULES).passed());
    }

    @Test
    void aStillPictureAFlatTiltAndASmallTurnAreRefused() {
        List<FrameGeometry> still = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            still.add(head(300, 0));
        }
        assertEquals("no motion: a still picture or a frozen feed", BurstGeometry.judge(still, List.of(HeadTurn.LEFT), RULES).reason());
        List<FrameGeometry> tilted = new ArrayList<>();
        for (double deg : new double[] {0, 0, 0, 15, 30, 45, 60, 70, 70, 60, 30, 0}) {
            tilted.add(picture(300 + deg, deg));
        }
        assertEquals("no head turn with the geometry of a head", BurstGeometry.judge(tilted, List.of(HeadTurn.LEFT), RULES).reason());
        assertFalse(BurstGeometry.judge(turn(0, 0, 0, 10, 20, 25, 20, 10, 0), List.of(HeadTurn.LEFT), RULES).passed());
    }

    @Test
    void tooFewFacesAndJumpsAreRefused() {
        List<FrameGeometry> gaps = new ArrayList<>(turn(0, 0, 0, 20, 40, 45, 45, 20, 0));
        for (int i = 0; i < 4; i++) {
            gaps.add(null);
        }
        assertEquals("one face on too few frames", BurstGeometry.judge(gaps, List.of(HeadTurn.LEFT), RULES).reason());
        List<FrameGeometry> jump = new ArrayList<>(turn(0, 0, 0, 20, 40, 45, 45, 20, 0));
        jump.set(5, head(600, 45));
        assertEquals("the face track jumps between frames", BurstGeometry.judge(jump, List.of(HeadTurn.LEFT), RULES).reason());
    }
}
