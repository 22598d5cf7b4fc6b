package org.careid.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes YAML into fabric8's typed model, strictly: an unknown field (a typo such as
 * {@code readinesProbe}) or an unknown kind fails instead of being kept as an "additional property"
 * that Kubernetes would later reject or, worse, silently ignore.
 */
final class KubernetesYaml {

    /** The kinds the deployment may use, by "apiVersion/kind". Anything else is refused. */
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class));

    private static final YAMLMapper TREES = new YAMLMapper();
    private static final ObjectMapper STRICT = strictMapper();

    private KubernetesYaml() {
    }

    /** Every non-empty document of a multi-document YAML file, as a tree. */
    static List<JsonNode> readDocuments(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return readDocuments(reader, file.toString());
        }
    }

    /** Every non-empty document of multi-document YAML text (such as kustomize output). */
    static List<JsonNode> readDocuments(String yaml, String origin) throws IOException {
        return readDocuments(new StringReader(yaml), origin);
    }

    private static List<JsonNode> readDocuments(Reader reader, String origin) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = TREES.getFactory().createParser(reader)) {
            var iterator = TREES.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IOException(origin + ": a document is not a mapping: " + document);
                }
                documents.add(document);
            }
        }
        return documents;
    }

    /** Reads a single YAML value (for example an inline kustomize patch). */
    static JsonNode readTree(String yaml) throws IOException {
        return TREES.readTree(yaml);
    }

    /** The typed resource for a manifest tree; fails on unknown kinds and unknown fields. */
    static HasMetadata toTyped(JsonNode manifest, String origin) {
        String key = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        Class<? extends HasMetadata> type = TYPES.get(key);
        if (type == null) {
            throw new IllegalArgumentException(origin + ": kind " + key
                    + " is not one the CareID deployment uses (known: " + TYPES.keySet() + ")");
        }
        try {
            return STRICT.treeToValue(manifest, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + key + " "
                    + manifest.path("metadata").path("name").asText() + " does not match the Kubernetes schema: "
                    + e.getMessage(), e);
        }
    }

    private static ObjectMapper strictMapper() {
        SimpleModule noAdditionalProperties = new SimpleModule("no-additional-properties");
        noAdditionalProperties.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                // fabric8 keeps unknown fields in an "additionalProperties" map; drop that escape hatch
                // so that FAIL_ON_UNKNOWN_PROPERTIES applies to the Kubernetes types too.
                if (description.getBeanClass().getName().startsWith("io.fabric8.")) {
                    builder.setAnySetter(null);
                }
                return builder;
            }
        });
        return new ObjectMapper(new YAMLFactory())
                .registerModule(noAdditionalProperties)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
