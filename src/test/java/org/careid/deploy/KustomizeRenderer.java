package org.careid.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The part of {@code kustomize build} that the CareID overlays use, so that the manifests can be
 * checked as they will be applied on a machine without kustomize or kubectl: resources (files and
 * directories), namespace, images, replicas and JSON 6902 patches with a target. Any other
 * kustomization field is refused rather than ignored; where kubectl is installed the test compares this
 * output with {@code kubectl kustomize}.
 */
final class KustomizeRenderer {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "resources", "images", "replicas", "patches");
    private static final Set<String> CLUSTER_SCOPED_KINDS =
            Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass",
                    "PriorityClass", "CustomResourceDefinition", "IngressClass");
    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet", "Job");
    private static final Set<String> SCALABLE_KINDS = Set.of("Deployment", "StatefulSet", "ReplicaSet");

    private KustomizeRenderer() {
    }

    /** The manifests {@code kustomize build dir} would print, in resource order. */
    static List<ObjectNode> render(Path dir) throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        List<JsonNode> documents = KubernetesYaml.readDocuments(file);
        if (documents.size() != 1) {
            throw new IOException(file + ": expected one kustomization document");
        }
        JsonNode kustomization = documents.get(0);
        for (Iterator<String> names = kustomization.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new IOException(file + " uses '" + field + "', which KustomizeRenderer does not implement"
                        + " (supported: " + SUPPORTED_FIELDS + "); implement it there before using it");
            }
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(render(resource));
            } else {
                for (JsonNode document : KubernetesYaml.readDocuments(resource)) {
                    resources.add(KubernetesYaml.copy(document));
                }
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(dir, file, patch, resources);
        }
        if (kustomization.hasNonNull("namespace")) {
            setNamespace(kustomization.get("namespace").asText(), resources);
        }
        for (JsonNode image : kustomization.path("images")) {
            setImage(file, image, resources);
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            setReplicas(file, replicas, resources);
        }
        return resources;
    }

    private static void applyPatch(Path dir, Path file, JsonNode patch, List<ObjectNode> resources)
            throws IOException {
        JsonNode target = patch.path("target");
        if (!target.isObject()) {
            throw new IOException(file + ": a patch without a target (strategic merge) is not implemented");
        }
        JsonNode operations = patch.hasNonNull("path")
                ? KubernetesYaml.readTree(Files.readString(dir.resolve(patch.get("path").asText())))
                : KubernetesYaml.readTree(patch.path("patch").asText());
        if (!operations.isArray()) {
            throw new IOException(file + ": only JSON 6902 patches (a list of operations) are implemented");
        }
        int matched = 0;
        for (ObjectNode resource : resources) {
            if (matches(target, "kind", resource.path("kind"))
                    && matches(target, "name", resource.path("metadata").path("name"))) {
                for (JsonNode operation : operations) {
                    JsonPatch.apply(resource, operation);
                }
                matched++;
            }
        }
        if (matched == 0) {
            throw new IOException(file + ": patch target " + target + " matches no resource");
        }
    }

    private static boolean matches(JsonNode target, String field, JsonNode actual) {
        return !target.hasNonNull(field) || target.get(field).asText().equals(actual.asText());
    }

    private static void setNamespace(String namespace, List<ObjectNode> resources) {
        for (ObjectNode resource : resources) {
            ObjectNode metadata = resource.withObjectProperty("metadata");
            if (resource.path("kind").asText().equals("Namespace")) {
                // kustomize renames a Namespace object to the kustomization's namespace.
                metadata.put("name", namespace);
            } else if (!CLUSTER_SCOPED_KINDS.contains(resource.path("kind").asText())) {
                metadata.put("namespace", namespace);
            }
        }
    }

    private static void setImage(Path file, JsonNode rule, List<ObjectNode> resources) throws IOException {
        String name = rule.path("name").asText();
        int matched = 0;
        for (ObjectNode resource : resources) {
            if (!POD_TEMPLATE_KINDS.contains(resource.path("kind").asText())) {
                continue;
            }
            JsonNode podSpec = resource.path("spec").path("template").path("spec");
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode container : podSpec.path(list)) {
                    ImageReference image = ImageReference.parse(container.path("image").asText());
                    if (image.name().equals(name)) {
                        ((ObjectNode) container).put("image", image.transformed(rule).toString());
                        matched++;
                    }
                }
            }
        }
        if (matched == 0) {
            throw new IOException(file + ": image rule for " + name + " matches no container");
        }
    }

    private static void setReplicas(Path file, JsonNode rule, List<ObjectNode> resources) throws IOException {
        int matched = 0;
        for (ObjectNode resource : resources) {
            if (SCALABLE_KINDS.contains(resource.path("kind").asText())
                    && resource.path("metadata").path("name").asText().equals(rule.path("name").asText())) {
                resource.withObjectProperty("spec").put("replicas", rule.path("count").asInt());
                matched++;
            }
        }
        if (matched == 0) {
            throw new IOException(file + ": replicas rule for " + rule.path("name").asText() + " matches nothing");
        }
    }

    /** JSON Patch (RFC 6902) operations add, replace and remove, as kustomize applies them. */
    static final class JsonPatch {

        private JsonPatch() {
        }

        static void apply(ObjectNode document, JsonNode operation) throws IOException {
            String op = operation.path("op").asText();
            List<String> tokens = pointer(operation.path("path").asText());
            if (tokens.isEmpty()) {
                throw new IOException("patch path must not be the document root: " + operation);
            }
            JsonNode parent = document;
            for (String token : tokens.subList(0, tokens.size() - 1)) {
                parent = parent.isArray() ? parent.path(index(token, parent.size() - 1, operation))
                        : parent.path(token);
                if (parent.isMissingNode()) {
                    throw new IOException("patch path does not exist: " + operation);
                }
            }
            String last = tokens.get(tokens.size() - 1);
            JsonNode value = operation.get("value");
            switch (op) {
                case "add" -> add(parent, last, value, operation);
                case "replace" -> replace(parent, last, value, operation);
                case "remove" -> remove(parent, last, operation);
                default -> throw new IOException("patch operation '" + op + "' is not implemented: " + operation);
            }
        }

        private static void add(JsonNode parent, String last, JsonNode value, JsonNode operation) throws IOException {
            if (parent instanceof ObjectNode object) {
                object.set(last, value.deepCopy());
            } else if (parent instanceof ArrayNode array) {
                if (last.equals("-")) {
                    array.add(value.deepCopy());
                } else {
                    array.insert(index(last, array.size(), operation), value.deepCopy());
                }
            } else {
                throw new IOException("patch parent is not a container: " + operation);
            }
        }

        private static void replace(JsonNode parent, String last, JsonNode value, JsonNode operation)
                throws IOException {
            if (parent instanceof ObjectNode object && object.has(last)) {
                object.set(last, value.deepCopy());
            } else if (parent instanceof ArrayNode array) {
                array.set(index(last, array.size() - 1, operation), value.deepCopy());
            } else {
                throw new IOException("patch replaces a value that does not exist: " + operation);
            }
        }

        private static void remove(JsonNode parent, String last, JsonNode operation) throws IOException {
            if (parent instanceof ObjectNode object && object.has(last)) {
                object.remove(last);
            } else if (parent instanceof ArrayNode array) {
                array.remove(index(last, array.size() - 1, operation));
            } else {
                throw new IOException("patch removes a value that does not exist: " + operation);
            }
        }

        private static int index(String token, int max, JsonNode operation) throws IOException {
            try {
                int index = Integer.parseInt(token);
                if (index < 0 || index > max) {
                    throw new IOException("patch index " + index + " out of range: " + operation);
                }
                return index;
            } catch (NumberFormatException e) {
                throw new IOException("patch path token '" + token + "' is not an array index: " + operation, e);
            }
        }

        private static List<String> pointer(String path) throws IOException {
            if (!path.startsWith("/")) {
                throw new IOException("patch path is not a JSON pointer: " + path);
            }
            List<String> tokens = new ArrayList<>();
            for (String raw : path.substring(1).split("/", -1)) {
                tokens.add(raw.replace("~1", "/").replace("~0", "~"));
            }
            return tokens;
        }
    }

    /** An image reference {@code name[:tag][@digest]} as kustomize's images transformer sees it. */
    record ImageReference(String name, String tag, String digest) {

        static ImageReference parse(String image) {
            String digest = null;
            int at = image.indexOf('@');
            if (at >= 0) {
                digest = image.substring(at + 1);
                image = image.substring(0, at);
            }
            String tag = null;
            int colon = image.lastIndexOf(':');
            if (colon > image.lastIndexOf('/')) {
                tag = image.substring(colon + 1);
                image = image.substring(0, colon);
            }
            return new ImageReference(image, tag, digest);
        }

        ImageReference transformed(JsonNode rule) {
            String newName = rule.hasNonNull("newName") ? rule.get("newName").asText() : name;
            if (rule.hasNonNull("digest")) {
                return new ImageReference(newName, null, rule.get("digest").asText());
            }
            if (rule.hasNonNull("newTag")) {
                return new ImageReference(newName, rule.get("newTag").asText(), null);
            }
            return new ImageReference(newName, tag, digest);
        }

        @Override
        public String toString() {
            return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
        }
    }
}
