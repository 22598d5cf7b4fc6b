package org.careid.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Deployment or StatefulSet seen the same way: selector, replicas and pod template. */
record Workload(String kind, String name, LabelSelector selector, Integer replicas, PodTemplateSpec template) {

    static Optional<Workload> of(HasMetadata resource) {
        if (resource instanceof Deployment deployment) {
            return Optional.of(new Workload("Deployment", deployment.getMetadata().getName(),
                    deployment.getSpec().getSelector(), deployment.getSpec().getReplicas(),
                    deployment.getSpec().getTemplate()));
        }
        if (resource instanceof StatefulSet statefulSet) {
            return Optional.of(new Workload("StatefulSet", statefulSet.getMetadata().getName(),
                    statefulSet.getSpec().getSelector(), statefulSet.getSpec().getReplicas(),
                    statefulSet.getSpec().getTemplate()));
        }
        return Optional.empty();
    }

    PodSpec pod() {
        return template.getSpec();
    }

    Map<String, String> podLabels() {
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** Init containers first, then the regular ones. */
    List<Container> containers() {
        List<Container> all = new ArrayList<>();
        if (pod().getInitContainers() != null) {
            all.addAll(pod().getInitContainers());
        }
        all.addAll(pod().getContainers());
        return all;
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
