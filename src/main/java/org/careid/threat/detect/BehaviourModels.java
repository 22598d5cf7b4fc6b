package org.careid.threat.detect;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.careid.threat.AuthEventRecord;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

/**
 * One trained generation of per-person behaviour models (Tribuo one-class SVMs) with the feature
 * vocabulary they were trained on. Immutable; the detector swaps whole generations on retraining.
 */
public final class BehaviourModels {
    private final BehaviourFeatures features;
    private final Map<UUID, Model<Event>> perPerson;
    private final Instant trainedAt;

    BehaviourModels(BehaviourFeatures features, Map<UUID, Model<Event>> perPerson, Instant trainedAt) {
        this.features = features;
        this.perPerson = Map.copyOf(perPerson);
        this.trainedAt = trainedAt;
    }

    public static BehaviourModels empty() {
        return new BehaviourModels(null, Map.of(), Instant.EPOCH);
    }

    public int personCount() {
        return perPerson.size();
    }

    public Instant trainedAt() {
        return trainedAt;
    }

    /**
     * The one-class SVM decision value of the event for its person: negative means outside the
     * learned region of that person's behaviour. Empty when the person has no model (cold start).
     */
    public OptionalDouble score(AuthEventRecord e) {
        Model<Event> model = e.staffId() == null ? null : perPerson.get(e.staffId());
        if (model == null) {
            return OptionalDouble.empty();
        }
        Event out = model.predict(features.example(e)).getOutput();
        return OptionalDouble.of(out.getScore());
    }

    Optional<BehaviourFeatures> features() {
        return Optional.ofNullable(features);
    }
}
