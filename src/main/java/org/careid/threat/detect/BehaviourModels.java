package org.careid.threat.detect;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.careid.events.AuthEventRecord;
import org.tribuo.common.libsvm.LibSVMModel;
import org.tribuo.anomaly.Event;

/**
 * One trained generation of behaviour models (Tribuo one-class SVMs) with the feature vocabulary
 * they were trained on: each person is judged by their own model when it was trained on enough
 * events, otherwise by the model of their peer group (same ward and clinical role). Immutable; the
 * detector swaps whole generations on retraining.
 */
public final class BehaviourModels {
    private final BehaviourFeatures features;
    private final Map<UUID, LibSVMModel<Event>> perPerson;
    private final Map<UUID, Integer> trainingEvents;
    private final Map<UUID, String> judgedByPeers;
    private final Instant trainedAt;

    BehaviourModels(BehaviourFeatures features, Map<UUID, LibSVMModel<Event>> perPerson,
                    Map<UUID, Integer> trainingEvents, Map<UUID, String> judgedByPeers, Instant trainedAt) {
        this.features = features;
        this.perPerson = Map.copyOf(perPerson);
        this.trainingEvents = Map.copyOf(trainingEvents);
        this.judgedByPeers = Map.copyOf(judgedByPeers);
        this.trainedAt = trainedAt;
    }

    public static BehaviourModels empty() {
        return new BehaviourModels(null, Map.of(), Map.of(), Map.of(), Instant.EPOCH);
    }

    /** How many events the model that judges the person was trained on (0 without a model). */
    public int trainingEvents(UUID staffId) {
        return staffId == null ? 0 : trainingEvents.getOrDefault(staffId, 0);
    }

    /** The peer group whose model judges the person, when they have too little history of their own. */
    public Optional<String> peerGroup(UUID staffId) {
        return staffId == null ? Optional.empty() : Optional.ofNullable(judgedByPeers.get(staffId));
    }

    /** Persons judged by a model (their own or their peer group's). */
    public int personCount() {
        return perPerson.size();
    }

    public Instant trainedAt() {
        return trainedAt;
    }

    /**
     * The one-class SVM decision value of the event under the model that judges its person, divided
     * by the model's offset rho: 0 is the learned boundary, -1 means no similarity at all to the
     * history, -0.5 means half the similarity the boundary requires. Scale-free, so one threshold
     * fits everyone. Empty when the person has neither a model of their own nor a peer group model.
     */
    public OptionalDouble score(AuthEventRecord e) {
        LibSVMModel<Event> model = e.staffId() == null ? null : perPerson.get(e.staffId());
        if (model == null) {
            return OptionalDouble.empty();
        }
        Event out = model.predict(features.example(e)).getOutput();
        double rho = model.getInnerModels().get(0).rho[0];
        return OptionalDouble.of(rho > 0 ? out.getScore() / rho : out.getScore());
    }

    Optional<BehaviourFeatures> features() {
        return Optional.ofNullable(features);
    }
}
