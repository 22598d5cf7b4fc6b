package org.careid.threat.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.careid.threat.AuthEventKind;
import org.careid.threat.AuthEventRecord;
import org.careid.threat.ThreatConfig;
import org.tribuo.common.libsvm.LibSVMModel;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains one Tribuo one-class SVM (RBF kernel, libsvm) per person from their recorded successful
 * authentications. Persons with too little history get no model and are not scored.
 */
public final class BehaviourTrainer {
    static {
        // libsvm prints optimisation progress to stdout by default
        libsvm.svm.svm_set_print_string_function(message -> { });
    }

    private final ThreatConfig.Behaviour config;

    public BehaviourTrainer(ThreatConfig.Behaviour config) {
        this.config = config;
    }

    /** Trains a new generation from the history (any order, any kinds; only successes are used). */
    public BehaviourModels train(Collection<AuthEventRecord> history, Instant now) {
        Map<UUID, List<AuthEventRecord>> byPerson = new HashMap<>();
        List<AuthEventRecord> successes = new ArrayList<>();
        for (AuthEventRecord e : history) {
            if (e.kind() == AuthEventKind.AUTH_SUCCESS && e.staffId() != null) {
                successes.add(e);
                byPerson.computeIfAbsent(e.staffId(), k -> new ArrayList<>()).add(e);
            }
        }
        BehaviourFeatures features = BehaviourFeatures.learn(successes, config.hourWeight());
        Map<UUID, LibSVMModel<Event>> models = new HashMap<>();
        Map<UUID, Integer> sizes = new HashMap<>();
        for (Map.Entry<UUID, List<AuthEventRecord>> entry : byPerson.entrySet()) {
            List<AuthEventRecord> events = entry.getValue();
            if (events.size() < config.minEvents()) {
                continue;
            }
            events.sort((a, b) -> a.time().compareTo(b.time()));
            List<AuthEventRecord> recent = events.subList(Math.max(0, events.size() - config.maxTrainingEvents()),
                    events.size());
            models.put(entry.getKey(), trainOne(features, recent));
            sizes.put(entry.getKey(), recent.size());
        }
        return new BehaviourModels(features, models, sizes, now);
    }

    private LibSVMModel<Event> trainOne(BehaviourFeatures features, List<AuthEventRecord> events) {
        AnomalyFactory factory = new AnomalyFactory();
        MutableDataset<Event> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("careid authentication history", factory), factory);
        for (AuthEventRecord e : events) {
            data.add(features.example(e));
        }
        SVMParameters<Event> params = new SVMParameters<>(
                new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS), KernelType.RBF);
        params.setNu(config.nu());
        params.setGamma(config.gamma());
        return new LibSVMAnomalyTrainer(params).train(data);
    }
}
