package org.careid.threat;

import org.careid.events.AuthEventRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.careid.threat.detect.BehaviourAnomalyDetector;
import org.careid.threat.detect.BehaviourTrainer;
import org.careid.threat.detect.BreakGlassUseDetector;
import org.careid.threat.detect.Detector;
import org.careid.threat.detect.DevicePostureDetector;
import org.careid.threat.detect.FailureBurstDetector;
import org.careid.threat.detect.ImpossibleTravelDetector;
import org.careid.threat.detect.NearThresholdProbingDetector;
import org.careid.threat.detect.PinChangeThenBreakGlassDetector;
import org.careid.threat.detect.PresentationAttackRepeatDetector;
import org.careid.threat.detect.TokenMisuseDetector;
import org.careid.threat.detect.WardMap;

/**
 * The set of detectors built from one configuration, fed events in time order. Not thread-safe: the
 * server runs it on the monitor's single worker thread, the simulator on its own thread. Both use
 * this class, so the evaluation measures exactly what the server runs.
 */
public final class ThreatDetectionEngine {
    private final List<Detector> detectors;
    private final BehaviourAnomalyDetector behaviour;
    private final BehaviourTrainer trainer;
    private final WardMap wardMap;

    public ThreatDetectionEngine(ThreatConfig config) {
        this.wardMap = new WardMap(config.wards(), config.travel());
        this.behaviour = new BehaviourAnomalyDetector(config.behaviour());
        this.trainer = new BehaviourTrainer(config.behaviour());
        this.detectors = List.of(
                new FailureBurstDetector(config.burst()),
                new ImpossibleTravelDetector(wardMap),
                behaviour,
                new NearThresholdProbingDetector(config.probing()),
                new TokenMisuseDetector(config.token()),
                new DevicePostureDetector(config.posture()),
                new BreakGlassUseDetector(),
                new PresentationAttackRepeatDetector(config.presentationAttacks()),
                new PinChangeThenBreakGlassDetector());
    }

    public List<ThreatAlert> process(AuthEventRecord event) {
        List<ThreatAlert> out = new ArrayList<>();
        for (Detector d : detectors) {
            out.addAll(d.onEvent(event));
        }
        return out;
    }

    public List<ThreatAlert> tick(Instant now) {
        List<ThreatAlert> out = new ArrayList<>();
        for (Detector d : detectors) {
            out.addAll(d.onTick(now));
        }
        return out;
    }

    /**
     * Retrains the behaviour models from recorded history and installs them (thread-safe). Peer
     * groups (staff id to group key, e.g. ward and clinical role): persons with too little history
     * of their own are judged by their group's model. Returns persons judged.
     */
    public int retrainBehaviour(java.util.Collection<AuthEventRecord> history,
                                java.util.Map<java.util.UUID, String> peerGroups, Instant now) {
        var generation = trainer.train(history, peerGroups, now);
        behaviour.install(generation);
        return generation.personCount();
    }

    public List<String> detectorNames() {
        return detectors.stream().map(Detector::name).toList();
    }

    public WardMap wardMap() {
        return wardMap;
    }
}
