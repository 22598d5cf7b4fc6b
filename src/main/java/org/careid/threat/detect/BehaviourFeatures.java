package org.careid.threat.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.careid.events.AuthEventRecord;
import org.tribuo.Example;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.impl.ArrayExample;

/**
 * Turns a successful authentication into the feature vector of the behaviour model: ward, device
 * type, modality and each scope as +1/-1 indicators over a vocabulary learned from the whole
 * history (so a ward the person never used is a present, contrasting feature, not a missing one),
 * and the hour of day on a circle (23:30 is close to 00:30).
 */
public final class BehaviourFeatures {
    private final List<String> names;
    private final double hourRadius;

    private BehaviourFeatures(List<String> names, double hourRadius) {
        this.names = List.copyOf(names);
        this.hourRadius = hourRadius;
    }

    /** The vocabulary of everything seen in the training history. */
    /**
     * @param hourRadius radius of the hour circle; a changed indicator (another ward) moves the point
     *                   by 2 in each of two coordinates, twelve hours apart by 2 * hourRadius in one
     */
    public static BehaviourFeatures learn(Collection<AuthEventRecord> history, double hourRadius) {
        SortedSet<String> vocabulary = new TreeSet<>();
        for (AuthEventRecord e : history) {
            indicators(e).forEach(vocabulary::add);
        }
        List<String> names = new ArrayList<>(vocabulary);
        names.add("hour.cos");
        names.add("hour.sin");
        return new BehaviourFeatures(names, hourRadius);
    }

    public int size() {
        return names.size();
    }

    /** The Tribuo example of one event, labelled as expected (one-class training data). */
    public Example<Event> example(AuthEventRecord e) {
        List<String> present = indicators(e);
        String[] featureNames = names.toArray(String[]::new);
        double[] values = new double[featureNames.length];
        for (int i = 0; i < featureNames.length - 2; i++) {
            values[i] = present.contains(featureNames[i]) ? 1.0 : -1.0;
        }
        double hour = e.time().atZone(java.time.ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
        double angle = 2 * Math.PI * hour / 24.0;
        values[featureNames.length - 2] = hourRadius * Math.cos(angle);
        values[featureNames.length - 1] = hourRadius * Math.sin(angle);
        return new ArrayExample<>(AnomalyFactory.EXPECTED_EVENT, featureNames, values);
    }

    private static List<String> indicators(AuthEventRecord e) {
        List<String> out = new ArrayList<>();
        out.add("ward=" + e.deviceWard());
        out.add("type=" + e.deviceType());
        out.add("modality=" + e.modality());
        for (String scope : e.scopes()) {
            out.add("scope=" + scope);
        }
        return out;
    }
}
