package org.careid.threat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * All threat-detection settings ({@code careid.threat.*}). The defaults are derived in
 * docs/THREATS.md; a hospital edits mainly the ward map and the automatic responses.
 */
@ConfigMapping(prefix = "careid.threat")
public interface ThreatConfig {

    /** Turns the whole monitor off (events are then dropped). */
    @WithDefault("true")
    boolean enabled();

    /** Events waiting for the detection worker; beyond it events are dropped and counted. */
    @WithDefault("20000")
    int queueCapacity();

    /**
     * Several replicas: every replica writes its events to the database ({@code threat_event_feed})
     * and only the replica holding the {@code threat-detection} lease runs the detectors over all of
     * them. Off (one replica): each event goes straight to the local detectors.
     */
    @WithDefault("false")
    boolean sharedFeed();

    /** Ward locations on the site plan, keyed by the ward name used in the device registry. */
    Map<String, WardLocation> wards();

    Burst burst();

    Travel travel();

    Behaviour behaviour();

    Probing probing();

    TokenMisuse token();

    Posture posture();

    PresentationAttacks presentationAttacks();

    Webhook webhook();

    /**
     * Automatic responses per detector name: {@code none}, {@code suspend-device}, {@code step-up},
     * {@code revoke-tokens}, or a comma-separated combination.
     */
    Map<String, String> response();

    /** How long a step-up (two factors required) response lasts. */
    @WithDefault("8H")
    Duration stepUpDuration();

    /** A ward's position in metres on the site plan, and its floor. */
    interface WardLocation {
        double x();

        double y();

        @WithDefault("0")
        int floor();
    }

    interface Burst {
        /** Short sliding window over which failures are counted (fast brute force). */
        @WithDefault("10M")
        Duration window();

        /** Long sliding window, tested the same way (slow, spread-out brute force). */
        @WithDefault("1H")
        Duration longWindow();

        /** Poisson tail probability below which a count is "far above baseline". */
        @WithDefault("1e-6")
        double alpha();

        /** Never alert below this many failures in a window, whatever the baseline. */
        @WithDefault("6")
        int minFailures();

        /** Prior failure rate per hour for a device or person without history. */
        @WithDefault("1.0")
        double priorFailuresPerHour();

        /** Weight of that prior, as hours of observation. */
        @WithDefault("8H")
        Duration priorWeight();

        /** Half-life of the learned baseline. */
        @WithDefault("7D")
        Duration baselineHalfLife();

        /** No second alert for the same subject within this time. */
        @WithDefault("30M")
        Duration cooldown();
    }

    interface Travel {
        /** Average walking speed along corridors (metres per second). */
        @WithDefault("1.3")
        double walkingSpeedMps();

        /** Time to change one floor (stairs or lift), seconds. */
        @WithDefault("40")
        double secondsPerFloor();

        /** Fraction of the walking time that is still possible (running, lifts waiting). */
        @WithDefault("0.5")
        double minFraction();

        /** Allowance for clock differences between devices. */
        @WithDefault("5S")
        Duration clockTolerance();
    }

    interface Behaviour {
        /**
         * A model can tell an unusual event from a rare habit only once it has seen the habits: one
         * of about one authentication in 50 (another ward every other shift) is in n events with
         * 95 % probability when n >= 3 / 0.02 = 150 (rule of three). Persons with fewer recorded
         * successful authentications are judged by the model of their peer group (ward and clinical
         * role), which needs as many events; persons with neither are not judged (both rules).
         */
        @WithDefault("150")
        int minEvents();

        /** Most recent events per person used for training. */
        @WithDefault("600")
        int maxTrainingEvents();

        /** History read from the event store for training. */
        @WithDefault("42D")
        Duration history();

        /** One-class SVM nu: upper bound on the fraction of training events outside the boundary. */
        @WithDefault("0.01")
        double nu();

        /**
         * Radius of the hour-of-day circle in the feature space. 0.5 makes a twelve-hour shift change
         * alone (common: rotas, swaps) count for much less than one new ward, device type, modality
         * or scope.
         */
        @WithDefault("0.5")
        double hourWeight();

        /**
         * RBF kernel gamma. One changed attribute (another ward, device type or modality) moves an
         * event by squared distance 8, two by 16. gamma = 0.08 keeps one change inside the margin
         * (exp(-8 gamma) = 0.53 > 0.5) and puts two outside (exp(-16 gamma) = 0.28); the admissible
         * range is ln2/16 < gamma <= ln2/8 (docs/THREATS.md).
         */
        @WithDefault("0.08")
        double gamma();

        /**
         * An event is anomalous when its decision value, relative to the model's offset, is below
         * minus this (0.5: less than half the similarity to the person's history that the learned
         * boundary requires).
         */
        @WithDefault("0.5")
        double anomalyMargin();

        /** Anomalous events of one person within the window needed for an alert. */
        @WithDefault("1")
        int minAnomalousEvents();

        @WithDefault("8H")
        Duration window();

        /**
         * Sequential evidence (a CUSUM over the person's events within {@code session-window}): each
         * event adds its shortfall below the learned boundary (minus its score) and an event inside
         * the boundary takes its margin off again, never below 0; the sum alerts at this. 1.0 = the
         * shortfall of one event with no similarity at all to the person's history, reached only by
         * several events outside the boundary in a row (a single event scores at least -1 and one
         * changed attribute about -0.25 to -0.47), never by one event (docs/THREATS.md).
         */
        @WithDefault("1.0")
        double sessionEvidence();

        /** Events of one person summed by the session rule: a third of a shift, one stretch of work. */
        @WithDefault("4H")
        Duration sessionWindow();

        /**
         * An event is rare when at most this share of everybody's recent scored events scored as low.
         * Two rare events of one person within the session window alert. Set from a false-alert
         * budget: about 25 authentications a shift give about 80 pairs within 4 h; 80 x 0.001^2 =
         * 8e-5 pairs of independent rare events per shift, 0.08 per 1,000 staff-shifts
         * (docs/THREATS.md).
         */
        @WithDefault("0.001")
        double rareTail();

        /** Rare events of one person within the session window needed for an alert. */
        @WithDefault("2")
        int rareEvents();

        /** Scored events remembered for the tail; the rule acts once a fifth of them is known. */
        @WithDefault("50000")
        int tailMemory();

        @WithDefault("12H")
        Duration cooldown();

        /** Cron-like interval for retraining, read by the Quarkus scheduler. */
        @WithName("retrain-every")
        @WithDefault("6h")
        String retrainEvery();

        /** How long recorded events are kept for training. */
        @WithDefault("90D")
        Duration retention();
    }

    interface Probing {
        /** A failure counts as near-threshold when score >= threshold * (1 - nearFraction). */
        @WithDefault("0.15")
        double nearFraction();

        @WithDefault("4")
        int minNearMisses();

        @WithDefault("2H")
        Duration window();

        /** A near miss followed by a success of that person at that device within this is a retry. */
        @WithDefault("3M")
        Duration retryGrace();

        @WithDefault("2H")
        Duration cooldown();
    }

    interface TokenMisuse {
        /** Revoked-token uses and failed proofs per device needed (benign one-offs happen). */
        @WithDefault("2")
        int repeatCount();

        @WithDefault("10M")
        Duration window();

        @WithDefault("30M")
        Duration cooldown();
    }

    interface Posture {
        /** Lowest acceptable device software version (dotted numbers); unset = no check. */
        Optional<String> minVersion();

        @WithDefault("30M")
        Duration window();

        /** A device is "failing" with at least this many failures and no success within the window. */
        @WithDefault("3")
        int deviceFailures();

        /** Failing devices of one ward needed, at least. */
        @WithDefault("3")
        int wardMinDevices();

        /** ...and at least this fraction of the ward's devices used within the window. */
        @WithDefault("0.5")
        double wardFraction();

        @WithDefault("1H")
        Duration cooldown();
    }

    /**
     * Faces refused as presentation attacks (photo, screen, failed head-turn challenge). One refusal
     * can be a live person in bad light (BPCER about 5 %, docs/PAD.md); repeated refusals on one
     * person or at one device within the window are an attack in progress.
     */
    interface PresentationAttacks {
        @WithDefault("1H")
        Duration window();

        /** Refusals on one person or at one device within the window that raise an alert. */
        @WithDefault("2")
        int minAttacks();

        @WithDefault("1H")
        Duration cooldown();
    }

    interface Webhook {
        /** Where alerts are POSTed as JSON; unset = no webhook. */
        Optional<String> url();

        @WithDefault("6")
        int maxAttempts();

        @WithDefault("1S")
        Duration initialBackoff();

        @WithDefault("60S")
        Duration maxBackoff();

        @WithDefault("5S")
        Duration timeout();

        @WithDefault("1000")
        int queueCapacity();
    }
}
