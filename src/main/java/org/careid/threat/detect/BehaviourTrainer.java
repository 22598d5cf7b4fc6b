package org.careid.threat.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
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
 * authentications, and one per peer group for the persons with too little history of their own.
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

    /** Trains a new generation without peer groups (persons with too little history are not judged). */
    public BehaviourModels train(Collection<AuthEventRecord> history, Instant now) {
        return train(history, Map.of(), now);
    }

    /**
     * Trains a new generation from the history (any order, any kinds; only successes are used).
     * Persons with at least {@code min-events} recorded successes get a model of their own; the
     * others are judged by the model of their peer group ({@code peerGroups}: staff id to a group
     * key, e.g. ward and clinical role from the staff directory), trained on the group's recorded
     * successes, each member contributing an equal share of at most {@code max-training-events}.
     * A group model needs {@code min-events} events too; persons with neither are not judged.
     */
    public BehaviourModels train(Collection<AuthEventRecord> history, Map<UUID, String> peerGroups, Instant now) {
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
        Map<UUID, String> judgedByPeers = new HashMap<>();
        Map<String, List<List<AuthEventRecord>>> groups = new TreeMap<>();
        List<UUID> newcomers = new ArrayList<>();
        // sorted, so that a group's training set does not depend on hash order
        for (UUID person : new TreeSet<>(byPerson.keySet())) {
            List<AuthEventRecord> events = byPerson.get(person);
            events.sort((a, b) -> a.time().compareTo(b.time()));
            String group = peerGroups.get(person);
            if (group != null) {
                groups.computeIfAbsent(group, k -> new ArrayList<>()).add(events);
            }
            if (events.size() < config.minEvents()) {
                newcomers.add(person);
                continue;
            }
            List<AuthEventRecord> recent = latest(events, config.maxTrainingEvents());
            models.put(person, trainOne(features, recent));
            sizes.put(person, recent.size());
        }
        // people in the directory with no recorded success yet are newcomers too (after the others)
        for (UUID person : new TreeSet<>(peerGroups.keySet())) {
            if (!byPerson.containsKey(person)) {
                newcomers.add(person);
            }
        }
        Map<String, LibSVMModel<Event>> groupModels = new HashMap<>();
        Map<String, Integer> groupSizes = new HashMap<>();
        for (UUID person : newcomers) {
            String group = peerGroups.get(person);
            if (group == null) {
                continue;
            }
            if (!groupSizes.containsKey(group)) {
                List<List<AuthEventRecord>> members = groups.getOrDefault(group, List.of());
                int share = Math.max(1, config.maxTrainingEvents() / Math.max(1, members.size()));
                List<AuthEventRecord> pooled = new ArrayList<>();
                for (List<AuthEventRecord> member : members) {
                    pooled.addAll(latest(member, share));
                }
                groupSizes.put(group, pooled.size());
                if (pooled.size() >= config.minEvents()) {
                    groupModels.put(group, trainOne(features, pooled));
                }
            }
            LibSVMModel<Event> model = groupModels.get(group);
            if (model != null) {
                models.put(person, model);
                sizes.put(person, groupSizes.get(group));
                judgedByPeers.put(person, group);
            }
        }
        return new BehaviourModels(features, models, sizes, judgedByPeers, now);
    }

    private static List<AuthEventRecord> latest(List<AuthEventRecord> sorted, int n) {
        return sorted.subList(Math.max(0, sorted.size() - n), sorted.size());
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
