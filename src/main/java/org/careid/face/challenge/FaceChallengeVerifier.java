package org.careid.face.challenge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.biometric.LivenessEvidence;
import org.careid.biometric.MatchOutcome;
import org.careid.face.FaceAnalysis;
import org.careid.face.FaceAuthenticator;
import org.careid.face.FacePipeline;
import org.careid.face.FacePurpose;
import org.careid.face.embed.FaceEmbedder;
import org.careid.face.gallery.FaceGallery;
import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.careid.face.pad.PadVerdict;
import org.careid.face.pad.PresentationAttackDetector;
import org.careid.face.quality.QualityIssue;
import org.careid.face.threshold.FaceThresholds;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies a burst of frames answering a head-turn challenge and turns it into the face factor's
 * outcome. Every frame is analysed (detection, quality, embedding; no PAD); then, in order:
 * the landmark track ({@link BurstGeometry}); the passive models on up to {@value #PAD_FRAMES}
 * frontal start frames (their median score against {@code careid.face.pad.threshold}); identity
 * on the best frontal frame (1:1 or 1:N as for a still image) and then on every usable frame (at
 * least {@code careid.face.challenge.min-identity-fraction} of them must verify as that person).
 * A failed track, passive check or identity hold is a presentation attack (no strength, liveness
 * evidence with the reason); the outcome of a passed burst carries {@code challenge} evidence.
 * Enrollment at the kiosk ({@link #verifyForEnrollment}) runs the same track and passive checks and
 * takes its samples from the verified frontal frames.
 */
@ApplicationScoped
public class FaceChallengeVerifier {
    static final int PAD_FRAMES = 5;
    /** Enrollment samples taken from one burst's frontal start frames. */
    static final int SAMPLES_PER_BURST = 3;

    private final FaceImageDecoder decoder;
    private final FacePipeline pipeline;
    private final PresentationAttackDetector pad;
    /**
     * A frame of the burst still shows the recognised person when it scores at least this against
     * them: different people average 0.01, the same person frontal at least 0.44, and a turned face
     * lower; a swapped face falls far below.
     */
    private static final double SAME_PERSON_HELD = 0.2;

    private final FaceAuthenticator faces;
    private final FaceGallery gallery;
    private final FaceThresholds thresholds;
    private final TurnRules rules;
    private final double minIdentityFraction;

    @Inject
    public FaceChallengeVerifier(FaceImageDecoder decoder, FacePipeline pipeline, PresentationAttackDetector pad,
                                 FaceAuthenticator faces, FaceGallery gallery, FaceThresholds thresholds,
                                 @ConfigProperty(name = "careid.face.challenge.min-turn", defaultValue = "0.35") double minTurn,
                                 @ConfigProperty(name = "careid.face.challenge.min-parallax", defaultValue = "0.9") double minParallax,
                                 @ConfigProperty(name = "careid.face.challenge.min-iod", defaultValue = "32") double minIod,
                                 @ConfigProperty(name = "careid.face.challenge.min-identity-fraction", defaultValue = "0.8")
                                 double minIdentityFraction) {
        this.decoder = decoder;
        this.pipeline = pipeline;
        this.pad = pad;
        this.faces = faces;
        this.gallery = gallery;
        this.thresholds = thresholds;
        TurnRules d = TurnRules.defaults();
        this.rules = new TurnRules(d.minFaceFraction(), d.baselineFrames(), d.frontalTolerance(), d.minFrontalFrames(),
                d.maxFrontalYaw(), minIod, d.maxRoll(), minTurn, d.minTurnFrames(), d.minWidthRatio(), minParallax, d.maxJump(),
                d.minMotion());
        this.minIdentityFraction = minIdentityFraction;
    }

    /**
     * @param frames   the burst's encoded frames, in capture order
     * @param steps    the turns the challenge asked for
     * @param mirrored the device sends mirrored (selfie-view) frames
     * @throws org.careid.image.ImageException a frame is not a usable image (413/422)
     */
    public MatchOutcome verify(List<byte[]> frames, List<HeadTurn> steps, boolean mirrored, UUID claimedStaffId) {
        long t0 = System.nanoTime();
        List<DecodedImage> images = new ArrayList<>(frames.size());
        try {
            LiveBurst burst = live(frames, images, steps, mirrored);
            Map<String, Double> timings = burst.timings();
            if (!burst.live()) {
                return attack(null, burst.reason(), burst.passive(), timings);
            }
            long t3 = System.nanoTime();
            List<FaceAnalysis> analyses = burst.analyses();
            List<FrameGeometry> track = burst.track();
            double passive = burst.passive();
            // identity on the frontal frames (at most PAD_FRAMES): the best-matching one decides, as a
            // device would retry a still; the rest of the burst must then hold that identity
            List<MatchOutcome> frontalMatches = burst.frontal().stream().map(analyses::get).filter(FaceAnalysis::accepted)
                    .map(a -> faces.match(a, claimedStaffId)).toList();
            if (frontalMatches.isEmpty()) {
                return attack(null, "no usable frontal frame", passive, timings);
            }
            MatchOutcome first = frontalMatches.stream().filter(MatchOutcome::matched)
                    .max(java.util.Comparator.comparingDouble(MatchOutcome::score))
                    .orElse(frontalMatches.get(0));
            if (!first.matched()) {
                return new MatchOutcome(first.modality(), first.staffId(), false, first.score(), first.threshold(), 0,
                        first.failure(), false, merge(timings, first.timingsMs(), t0), evidence(true, passive, null));
            }
            double threshold = thresholds.verificationThreshold();
            int usable = 0;
            int same = 0;
            // identity on every usable frame short of a full turn: the embedder is not reliable on a face
            // turned that far, and those frames are held to the one face track by the geometry above
            for (int i = 0; i < analyses.size(); i++) {
                FaceAnalysis a = analyses.get(i);
                FrameGeometry g = track.get(i);
                if (a.accepted() && g != null && Math.abs(g.yaw()) < rules.minTurn()) {
                    usable++;
                    // held: not someone else (the bedside session's rule); the full threshold was met above
                    if (gallery.verify(first.staffId(), a.embedding(), Math.min(threshold, SAME_PERSON_HELD)).matched()) {
                        same++;
                    }
                }
            }
            timings.put("identityMs", ms(System.nanoTime() - t3));
            if (usable == 0 || same < minIdentityFraction * usable) {
                return attack(first.staffId(), "identity not held across the burst (" + same + " of " + usable + " frames)", passive,
                        merge(timings, first.timingsMs(), t0));
            }
            return new MatchOutcome(first.modality(), first.staffId(), true, first.score(), first.threshold(), first.strength(),
                    null, false, merge(timings, first.timingsMs(), t0), evidence(true, passive, null));
        } finally {
            images.forEach(DecodedImage::close);
        }
    }

    /**
     * The same checks for enrollment at the kiosk: the head turn, continuity and the passive models
     * exactly as {@link #verify}, then the frontal start frames analysed as enrollment samples (quality
     * gate for enrollment and passive PAD on each). The person is not enrolled yet, so identity is held
     * to the best of those samples instead of to a template: every usable frame short of a full turn
     * must still show that face. The samples are then the burst's only source of templates.
     *
     * @return the verdict, with the analysed samples (index into {@code frames}) when it passed
     */
    public EnrollmentBurst verifyForEnrollment(List<byte[]> frames, List<HeadTurn> steps, boolean mirrored) {
        long t0 = System.nanoTime();
        List<DecodedImage> images = new ArrayList<>(frames.size());
        try {
            LiveBurst burst = live(frames, images, steps, mirrored);
            if (!burst.live()) {
                return EnrollmentBurst.refused(burst.reason(), burst.passive(), pad.threshold());
            }
            List<EnrollmentBurst.Sample> candidates = new ArrayList<>();
            // every frontal start frame of the track (not only the first PAD_FRAMES) may become a sample
            for (int i : burst.frontalTrack()) {
                FaceAnalysis a = pipeline.analyze(images.get(i).bgr(), FacePurpose.ENROLLMENT);
                if (a.accepted() && a.liveness() != null && a.liveness().live()) {
                    candidates.add(new EnrollmentBurst.Sample(i, a));
                }
            }
            if (candidates.isEmpty()) {
                return EnrollmentBurst.refused("no frontal frame good enough to enroll (quality or passive check)", burst.passive(),
                        pad.threshold());
            }
            EnrollmentBurst.Sample best = candidates.stream()
                    .max(java.util.Comparator.comparingDouble(c -> c.analysis().quality().score())).orElseThrow();
            int usable = 0;
            int same = 0;
            for (int i = 0; i < burst.analyses().size(); i++) {
                FaceAnalysis a = burst.analyses().get(i);
                FrameGeometry g = burst.track().get(i);
                if (a.accepted() && g != null && Math.abs(g.yaw()) < rules.minTurn()) {
                    usable++;
                    if (FaceEmbedder.similarity(best.analysis().embedding(), a.embedding()) >= SAME_PERSON_HELD) {
                        same++;
                    }
                }
            }
            if (usable == 0 || same < minIdentityFraction * usable) {
                return EnrollmentBurst.refused("identity not held across the burst (" + same + " of " + usable + " frames)",
                        burst.passive(), pad.threshold());
            }
            burst.timings().put("totalMs", ms(System.nanoTime() - t0));
            return EnrollmentBurst.passed(spread(candidates, SAMPLES_PER_BURST), burst.passive(), pad.threshold());
        } finally {
            images.forEach(DecodedImage::close);
        }
    }

    /** Up to {@code n} of the candidates, spread over the frontal run (first, middle, last...). */
    static <T> List<T> spread(List<T> candidates, int n) {
        if (candidates.size() <= n) {
            return List.copyOf(candidates);
        }
        List<T> chosen = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            chosen.add(candidates.get((int) Math.round(k * (candidates.size() - 1) / (double) (n - 1))));
        }
        return chosen;
    }

    /**
     * The burst's frames decoded (into {@code images}, which the caller closes) and analysed, the
     * landmark track judged against the requested turns, and the passive models on up to
     * {@value #PAD_FRAMES} frontal start frames: what authentication and enrollment share.
     */
    private LiveBurst live(List<byte[]> frames, List<DecodedImage> images, List<HeadTurn> steps, boolean mirrored) {
        long t0 = System.nanoTime();
        for (byte[] frame : frames) {
            images.add(decoder.decode(frame));
        }
        long t1 = System.nanoTime();
        List<FaceAnalysis> analyses = new ArrayList<>(images.size());
        List<FrameGeometry> track = new ArrayList<>(images.size());
        for (DecodedImage image : images) {
            FaceAnalysis a = pipeline.analyzeWithoutPad(image.bgr(), FacePurpose.AUTHENTICATION);
            analyses.add(a);
            boolean single = a.chosen() != null && !a.quality().issues().contains(QualityIssue.MULTIPLE_FACES);
            FrameGeometry g = single ? FrameGeometry.of(a.chosen()) : null;
            track.add(g == null || !mirrored ? g : g.mirrored());
        }
        long t2 = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("decodeMs", ms(t1 - t0));
        timings.put("framesMs", ms(t2 - t1));

        BurstGeometry.Verdict geometry = BurstGeometry.judge(track, steps, rules);
        if (!geometry.passed()) {
            return LiveBurst.refused("head turn: " + geometry.reason() + " " + geometry.measures(), null, timings);
        }
        List<Integer> frontal = geometry.frontalFrames().subList(0, Math.min(PAD_FRAMES, geometry.frontalFrames().size()));
        double[] live = new double[frontal.size()];
        for (int k = 0; k < frontal.size(); k++) {
            int i = frontal.get(k);
            PadVerdict v = pad.assess(images.get(i).bgr(), analyses.get(i).chosen());
            live[k] = v.score();
        }
        double passive = BurstGeometry.median(live);
        timings.put("padMs", ms(System.nanoTime() - t2));
        if (passive < pad.threshold()) {
            return LiveBurst.refused("passive score of the frontal frames below threshold", passive, timings);
        }
        return new LiveBurst(true, null, analyses, track, frontal, geometry.frontalFrames(), passive, timings);
    }

    /** What {@link #live} found: a refusal with its reason, or the analysed frames of a live burst. */
    private record LiveBurst(boolean live, String reason, List<FaceAnalysis> analyses, List<FrameGeometry> track,
                             List<Integer> frontal, List<Integer> frontalTrack, Double passive, Map<String, Double> timings) {
        static LiveBurst refused(String reason, Double passive, Map<String, Double> timings) {
            return new LiveBurst(false, reason, List.of(), List.of(), List.of(), List.of(), passive, timings);
        }
    }

    private MatchOutcome attack(UUID resembles, String reason, Double passive, Map<String, Double> timings) {
        return new MatchOutcome("face", resembles, false, 0, Double.NaN, 0, "challenge failed", false, timings,
                evidence(false, passive, reason));
    }

    private LivenessEvidence evidence(boolean live, Double passive, String reason) {
        return new LivenessEvidence(LivenessEvidence.CHALLENGE, live, passive == null ? null : Math.round(passive * 10000) / 10000.0,
                pad.threshold(), reason);
    }

    private static Map<String, Double> merge(Map<String, Double> burst, Map<String, Double> best, long t0) {
        Map<String, Double> all = new LinkedHashMap<>(burst);
        if (best != null && best.get("matchMs") != null) {
            all.put("matchMs", best.get("matchMs"));
        }
        all.put("totalMs", ms(System.nanoTime() - t0));
        return all;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
