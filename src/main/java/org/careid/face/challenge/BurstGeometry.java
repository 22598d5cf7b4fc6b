package org.careid.face.challenge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the landmark track of a burst against the requested head turns, without any model: one
 * face on most frames, a frontal start, a continuous track that moves, and turns in the requested
 * order whose geometry is that of a head (the nose moves sideways more than a tilted flat picture
 * would allow for how much the face narrows). Identity and the passive model are checked elsewhere.
 */
public final class BurstGeometry {

    /** The verdict; {@code frontalFrames} are the indexes of the frontal start frames (for PAD and identity). */
    public record Verdict(boolean passed, String reason, List<Integer> frontalFrames, Map<String, Object> measures) {}

    private BurstGeometry() {}

    /**
     * @param frames one entry per frame, null where no single face was found
     * @param steps  the requested turns, in order
     */
    public static Verdict judge(List<FrameGeometry> frames, List<HeadTurn> steps, TurnRules rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames.size());
        List<Integer> withFace = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i) != null) {
                withFace.add(i);
            }
        }
        m.put("framesWithFace", withFace.size());
        if (frames.isEmpty() || withFace.size() < rules.minFaceFraction() * frames.size()) {
            return fail("one face on too few frames", m);
        }

        double motion = 0;
        double maxJump = 0;
        for (int k = 1; k < withFace.size(); k++) {
            int a = withFace.get(k - 1);
            int b = withFace.get(k);
            double d = frames.get(b).displacementFrom(frames.get(a));
            maxJump = Math.max(maxJump, d / (b - a));
            motion += d;
        }
        m.put("motion", round(motion));
        m.put("maxJump", round(maxJump));
        if (motion < rules.minMotion()) {
            return fail("no motion: a still picture or a frozen feed", m);
        }
        if (maxJump > rules.maxJump()) {
            return fail("the face track jumps between frames", m);
        }

        int n = Math.min(rules.baselineFrames(), withFace.size());
        double[] startYaws = new double[n];
        double[] startWidths = new double[n];
        for (int k = 0; k < n; k++) {
            startYaws[k] = frames.get(withFace.get(k)).yaw();
            startWidths[k] = frames.get(withFace.get(k)).width();
        }
        double reference = median(startYaws);
        double referenceWidth = median(startWidths);
        m.put("frontalYaw", round(reference));
        List<Integer> frontal = new ArrayList<>();
        List<Double> iods = new ArrayList<>();
        double maxRoll = 0;
        for (int k = 0; k < withFace.size() && k < 2 * rules.baselineFrames(); k++) {
            FrameGeometry g = frames.get(withFace.get(k));
            if (Math.abs(g.yaw() - reference) > rules.frontalTolerance()) {
                break;
            }
            frontal.add(withFace.get(k));
            iods.add(g.iod());
            maxRoll = Math.max(maxRoll, Math.abs(g.roll()));
        }
        m.put("frontalFrames", frontal.size());
        if (frontal.size() < rules.minFrontalFrames() || Math.abs(reference) > rules.maxFrontalYaw()) {
            return fail("no frontal start", m);
        }
        double iod = median(iods.stream().mapToDouble(Double::doubleValue).toArray());
        m.put("frontalIod", round(iod));
        if (iod < rules.minIod()) {
            return fail("face too small on the frontal frames", m);
        }
        if (maxRoll > rules.maxRoll()) {
            return fail("head tilted sideways on the frontal frames", m);
        }

        List<HeadTurn> turns = turns(frames, reference, referenceWidth, rules, m);
        m.put("turns", turns.stream().map(HeadTurn::code).toList());
        m.put("requested", steps.stream().map(HeadTurn::code).toList());
        if (turns.isEmpty()) {
            return fail("no head turn with the geometry of a head", m);
        }
        if (turns.size() < steps.size() || !turns.subList(0, steps.size()).equals(steps)) {
            return fail("the head turns do not follow the instruction", m);
        }
        return new Verdict(true, null, List.copyOf(frontal), m);
    }

    /**
     * The turns in order: runs of at least {@code minTurnFrames} consecutive frames, each turned by
     * {@code minTurn} from the reference, narrowed no more than {@code minWidthRatio}, with
     * parallax at least {@code minParallax}; consecutive runs in one direction count once.
     */
    private static List<HeadTurn> turns(List<FrameGeometry> frames, double reference, double referenceWidth, TurnRules rules,
                                        Map<String, Object> m) {
        List<HeadTurn> turns = new ArrayList<>();
        HeadTurn run = null;
        int runLength = 0;
        double maxTurn = 0;
        double bestParallax = 0;
        for (FrameGeometry g : frames) {
            HeadTurn here = null;
            if (g != null) {
                double delta = g.yaw() - reference;
                double ratio = referenceWidth <= 0 ? 0 : g.width() / referenceWidth;
                double parallax = ratio >= 1 ? Double.POSITIVE_INFINITY : Math.abs(delta) / (1 - ratio);
                maxTurn = Math.max(maxTurn, Math.abs(delta));
                if (Math.abs(delta) >= rules.minTurn()) {
                    bestParallax = Math.max(bestParallax, Math.min(parallax, 99));
                }
                if (Math.abs(delta) >= rules.minTurn() && ratio >= rules.minWidthRatio() && parallax >= rules.minParallax()) {
                    here = delta > 0 ? HeadTurn.LEFT : HeadTurn.RIGHT;
                }
            }
            if (here != null && here == run) {
                runLength++;
            } else {
                run = here;
                runLength = here == null ? 0 : 1;
            }
            if (run != null && runLength == rules.minTurnFrames() && (turns.isEmpty() || turns.get(turns.size() - 1) != run)) {
                turns.add(run);
            }
        }
        m.put("maxTurn", round(maxTurn));
        m.put("bestParallax", round(bestParallax));
        return turns;
    }

    private static Verdict fail(String reason, Map<String, Object> m) {
        return new Verdict(false, reason, List.of(), m);
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
