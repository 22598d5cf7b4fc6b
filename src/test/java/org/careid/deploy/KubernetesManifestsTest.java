package org.careid.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes deployment in {@code k8s/}, checked as it will be applied: each overlay is
 * rendered by {@code kubectl kustomize} (base plus overlay) into fabric8's typed Kubernetes model and
 * held to the deployment's invariants: probes, resources, hardened pods, consistent labels and
 * selectors, pinned images, no committed secret values, restrictive network policies, TLS ingress and
 * at least two replicas. Every check lists all violations it finds, naming the resource.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    private static final String APP = "careid";
    private static final Set<String> ALLOWED_INGRESS_NAMESPACES = Set.of("ingress-nginx", "careid-devices");
    private static final int APP_PORT = 8080;
    private static final int POSTGRESQL_PORT = 5432;
    private static final int DNS_PORT = 53;
    /** A committed secret value must look like {@code <what goes here>}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    /** One overlay rendered into typed resources. */
    record Rendered(String overlay, List<HasMetadata> resources) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return resources.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<Workload> workloads() {
            return resources.stream().map(Workload::of).flatMap(Optional::stream).toList();
        }

        Deployment app() {
            return all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(APP)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no Deployment named " + APP));
        }

        Map<String, String> config() {
            return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals("careid-config"))
                    .findFirst().map(ConfigMap::getData)
                    .orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap careid-config"));
        }
    }

    private static Rendered render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> {
            try {
                List<HasMetadata> typed = new ArrayList<>();
                for (JsonNode manifest : Kustomize.render(K8S.resolve("overlays").resolve(name))) {
                    typed.add(KubernetesYaml.toTyped(manifest, "overlay " + name));
                }
                return new Rendered(name, typed);
            } catch (IOException e) {
                throw new UncheckedIOException("overlay " + name + " does not render", e);
            }
        });
    }

    private static void assertNoProblems(String what, List<String> problems) {
        assertTrue(problems.isEmpty(), () -> what + ":\n  - " + String.join("\n  - ", problems));
    }

    // ---------------------------------------------------------------- every file, typed and referenced

    @Test
    void everyManifestFileIsAValidTypedKubernetesResourceAndIsUsed() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(K8S)) {
            manifests = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().startsWith("kustomization.")).sorted().toList();
        }
        assertTrue(manifests.size() >= 10, "expected the base and overlay manifests under " + K8S.toAbsolutePath());
        Set<Path> referenced = referencedByKustomizations();
        List<String> problems = new ArrayList<>();
        for (Path file : manifests) {
            try {
                List<JsonNode> documents = KubernetesYaml.readDocuments(file);
                if (documents.isEmpty()) {
                    problems.add(file + " holds no manifest");
                }
                for (JsonNode document : documents) {
                    KubernetesYaml.toTyped(document, file.toString());
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            boolean template = file.getFileName().toString().contains(".template.");
            if (!template && !referenced.contains(file.normalize())) {
                problems.add(file + " is referenced by no kustomization.yaml (dead manifest)");
            }
            if (template && referenced.contains(file.normalize())) {
                problems.add(file + " is a template but a kustomization applies it: it would overwrite real values");
            }
        }
        assertNoProblems("manifest files under " + K8S, problems);
    }

    private static Set<Path> referencedByKustomizations() throws IOException {
        Set<Path> referenced = new HashSet<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path kustomization : files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .toList()) {
                for (JsonNode entry : KubernetesYaml.readDocuments(kustomization).get(0).path("resources")) {
                    referenced.add(kustomization.getParent().resolve(entry.asText()).normalize());
                }
            }
        }
        return referenced;
    }

    @Test
    void secretTemplatesHoldOnlyPlaceholders() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Secret> templates = secretTemplates();
        assertFalse(templates.isEmpty(), "expected a Secret template (k8s/base/secrets.template.yaml)");
        for (Secret secret : templates) {
            problems.addAll(secretValueProblems(secret));
        }
        assertNoProblems("Secret templates", problems);
    }

    private static List<Secret> secretTemplates() throws IOException {
        List<Secret> secrets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(p -> p.getFileName().toString().contains(".template.")).sorted().toList()) {
                for (JsonNode document : KubernetesYaml.readDocuments(file)) {
                    if (KubernetesYaml.toTyped(document, file.toString()) instanceof Secret secret) {
                        secrets.add(secret);
                    }
                }
            }
        }
        return secrets;
    }

    private static List<String> secretValueProblems(Secret secret) {
        List<String> problems = new ArrayList<>();
        String name = "Secret " + secret.getMetadata().getName();
        if (secret.getData() != null && secret.getData().values().stream().anyMatch(v -> v != null && !v.isEmpty())) {
            problems.add(name + " carries base64 `data`: only <placeholder> stringData may be committed");
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((key, value) -> {
                if (value != null && !value.isEmpty() && !PLACEHOLDER.matcher(value).matches()) {
                    problems.add(name + " key " + key + " holds a value that is not a <placeholder>");
                }
            });
        }
        return problems;
    }

    // ---------------------------------------------------------------- rendered overlays

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayHasEveryPartOfTheDeploymentInItsRestrictedNamespace(String overlay) {
        Rendered rendered = render(overlay);
        List<String> problems = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : List.of(Namespace.class, ServiceAccount.class, ConfigMap.class,
                Deployment.class, Service.class, HorizontalPodAutoscaler.class, PodDisruptionBudget.class,
                NetworkPolicy.class, Ingress.class)) {
            if (rendered.all(kind).isEmpty()) {
                problems.add("no " + kind.getSimpleName());
            }
        }
        List<Namespace> namespaces = rendered.all(Namespace.class);
        if (namespaces.size() == 1) {
            Namespace namespace = namespaces.get(0);
            String name = namespace.getMetadata().getName();
            Map<String, String> labels = Objects.requireNonNullElse(namespace.getMetadata().getLabels(), Map.of());
            if (!"restricted".equals(labels.get("pod-security.kubernetes.io/enforce"))) {
                problems.add("Namespace " + name + " does not enforce the Pod Security Standard 'restricted'");
            }
            for (HasMetadata resource : rendered.resources()) {
                if (!(resource instanceof Namespace) && !name.equals(resource.getMetadata().getNamespace())) {
                    problems.add(describe(resource) + " is not in namespace " + name);
                }
            }
        } else {
            problems.add("expected exactly one Namespace, found " + namespaces.size());
        }
        assertNoProblems(overlay + ": parts of the deployment", problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesAndTheServerProbesItsHealthEndpoints(String overlay) {
        Rendered rendered = render(overlay);
        List<String> problems = new ArrayList<>();
        for (Workload workload : rendered.workloads()) {
            for (Container container : workload.pod().getContainers()) {
                String where = workload + " container " + container.getName();
                if (container.getReadinessProbe() == null) {
                    problems.add(where + " has no readinessProbe");
                }
                if (container.getLivenessProbe() == null) {
                    problems.add(where + " has no livenessProbe");
                }
            }
        }
        Deployment app = rendered.app();
        for (Container container : app.getSpec().getTemplate().getSpec().getContainers()) {
            String where = "Deployment " + APP + " container " + container.getName();
            problems.addAll(healthProbeProblems(where, "startupProbe", container.getStartupProbe(),
                    "/q/health/started", container));
            problems.addAll(healthProbeProblems(where, "readinessProbe", container.getReadinessProbe(),
                    "/q/health/ready", container));
            problems.addAll(healthProbeProblems(where, "livenessProbe", container.getLivenessProbe(),
                    "/q/health/live", container));
        }
        assertNoProblems(overlay + ": probes", problems);
    }

    private static List<String> healthProbeProblems(String where, String kind, Probe probe, String path,
            Container container) {
        if (probe == null) {
            return List.of(where + " has no " + kind + " (expected GET " + path + ")");
        }
        HTTPGetAction get = probe.getHttpGet();
        if (get == null || !path.equals(get.getPath())) {
            return List.of(where + " " + kind + " must GET " + path);
        }
        if (containerPort(container, get.getPort()).filter(p -> p == APP_PORT).isEmpty()) {
            return List.of(where + " " + kind + " port " + get.getPort() + " is not the HTTP port " + APP_PORT);
        }
        return List.of();
    }

    private static Optional<Integer> containerPort(Container container, IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        if (port.getIntVal() != null) {
            return Optional.of(port.getIntVal());
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerRequestsAndLimitsCpuAndMemory(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : render(overlay).workloads()) {
            for (Container container : workload.containers()) {
                String where = workload + " container " + container.getName();
                ResourceRequirements resources = container.getResources();
                Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
                Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    Quantity request = requests == null ? null : requests.get(resource);
                    Quantity limit = limits == null ? null : limits.get(resource);
                    if (request == null || limit == null) {
                        problems.add(where + " lacks a " + resource + (request == null ? " request" : " limit"));
                    } else if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                        problems.add(where + " requests more " + resource + " than its limit");
                    }
                }
            }
        }
        assertNoProblems(overlay + ": resources", problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodRunsHardened(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : render(overlay).workloads()) {
            PodSpec pod = workload.pod();
            PodSecurityContext podContext = Objects.requireNonNullElse(pod.getSecurityContext(),
                    new PodSecurityContext());
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(workload + " must set automountServiceAccountToken: false");
            }
            if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                    || Boolean.TRUE.equals(pod.getHostIPC())) {
                problems.add(workload + " shares a host namespace");
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getHostPath() != null) {
                    problems.add(workload + " mounts hostPath " + volume.getHostPath().getPath());
                }
            }
            for (Container container : workload.containers()) {
                problems.addAll(containerSecurityProblems(workload + " container " + container.getName(),
                        container, podContext, pod));
            }
        }
        assertNoProblems(overlay + ": security context", problems);
    }

    private static List<String> containerSecurityProblems(String where, Container container,
            PodSecurityContext podContext, PodSpec pod) {
        List<String> problems = new ArrayList<>();
        SecurityContext context = container.getSecurityContext();
        if (context == null) {
            return List.of(where + " has no securityContext");
        }
        boolean nonRoot = Boolean.TRUE.equals(context.getRunAsNonRoot())
                || context.getRunAsNonRoot() == null && Boolean.TRUE.equals(podContext.getRunAsNonRoot());
        if (!nonRoot) {
            problems.add(where + " must run with runAsNonRoot: true");
        }
        Long user = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
        if (user == null || user == 0) {
            problems.add(where + " must set a non-zero runAsUser");
        }
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            problems.add(where + " must set readOnlyRootFilesystem: true");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            problems.add(where + " must set allowPrivilegeEscalation: false");
        }
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            problems.add(where + " is privileged");
        }
        if (context.getCapabilities() == null || !context.getCapabilities().getDrop().contains("ALL")
                || !context.getCapabilities().getAdd().isEmpty()) {
            problems.add(where + " must drop ALL capabilities and add none");
        }
        var seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile()
                : podContext.getSeccompProfile();
        if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
            problems.add(where + " must use the RuntimeDefault seccomp profile");
        }
        // A read-only root filesystem still needs a writable /tmp (the JVM, ONNX Runtime, OpenCV, initdb).
        Set<String> emptyDirs = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null).map(Volume::getName)
                .collect(Collectors.toSet());
        boolean writableTmp = container.getVolumeMounts().stream()
                .anyMatch(m -> "/tmp".equals(m.getMountPath()) && emptyDirs.contains(m.getName()));
        if (!writableTmp) {
            problems.add(where + " must mount an emptyDir at /tmp");
        }
        return problems;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void selectorsMatchTheirPodsAndServicesReachThem(String overlay) {
        Rendered rendered = render(overlay);
        List<String> problems = new ArrayList<>();
        List<Workload> workloads = rendered.workloads();
        for (Workload workload : workloads) {
            if (!selects(workload.selector(), workload.podLabels())) {
                problems.add(workload + " selector " + labels(workload.selector())
                        + " does not match its pod template labels " + workload.podLabels());
            }
        }
        for (StatefulSet statefulSet : rendered.all(StatefulSet.class)) {
            String governing = statefulSet.getSpec().getServiceName();
            boolean headless = rendered.all(Service.class).stream()
                    .anyMatch(s -> s.getMetadata().getName().equals(governing)
                            && "None".equals(s.getSpec().getClusterIP()));
            if (!headless) {
                problems.add("StatefulSet " + statefulSet.getMetadata().getName()
                        + " needs its governing headless Service " + governing);
            }
        }
        for (Service service : rendered.all(Service.class)) {
            Map<String, String> selector = Objects.requireNonNullElse(service.getSpec().getSelector(), Map.of());
            List<Workload> backends = workloads.stream()
                    .filter(w -> !selector.isEmpty() && w.podLabels().entrySet().containsAll(selector.entrySet()))
                    .toList();
            String where = "Service " + service.getMetadata().getName();
            if (backends.isEmpty()) {
                problems.add(where + " selector " + selector + " matches no pod template");
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                for (Workload backend : backends) {
                    boolean served = backend.pod().getContainers().stream()
                            .anyMatch(c -> containerPort(c, port.getTargetPort()).isPresent());
                    if (!served) {
                        problems.add(where + " targetPort " + port.getTargetPort() + " is no container port of "
                                + backend);
                    }
                }
            }
        }
        assertNoProblems(overlay + ": selectors and labels", problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void serverRunsAtLeastTwoReplicasProtectedByPdbAndScaledByHpa(String overlay) {
        Rendered rendered = render(overlay);
        Deployment app = rendered.app();
        List<String> problems = new ArrayList<>();
        int replicas = Objects.requireNonNullElse(app.getSpec().getReplicas(), 1);
        if (replicas < 2) {
            problems.add("Deployment " + APP + " has " + replicas + " replica(s), needs at least 2");
        }
        Map<String, String> podLabels = app.getSpec().getTemplate().getMetadata().getLabels();
        List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                .filter(pdb -> selects(pdb.getSpec().getSelector(), podLabels)).toList();
        if (budgets.size() != 1) {
            problems.add("expected one PodDisruptionBudget selecting the server pods, found " + budgets.size());
        }
        for (PodDisruptionBudget budget : budgets) {
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            boolean keepsOneUp = maxUnavailable != null && maxUnavailable.getIntVal() != null
                    && maxUnavailable.getIntVal() >= 1 && maxUnavailable.getIntVal() < replicas
                    || minAvailable != null && minAvailable.getIntVal() != null
                    && minAvailable.getIntVal() >= 1 && minAvailable.getIntVal() < replicas;
            if (!keepsOneUp) {
                problems.add("PodDisruptionBudget " + budget.getMetadata().getName()
                        + " must allow draining one pod while keeping at least one (integer maxUnavailable "
                        + "or minAvailable between 1 and replicas - 1)");
            }
        }
        List<HorizontalPodAutoscaler> autoscalers = rendered.all(HorizontalPodAutoscaler.class);
        if (autoscalers.size() != 1) {
            problems.add("expected one HorizontalPodAutoscaler, found " + autoscalers.size());
        }
        for (HorizontalPodAutoscaler hpa : autoscalers) {
            var target = hpa.getSpec().getScaleTargetRef();
            String where = "HorizontalPodAutoscaler " + hpa.getMetadata().getName();
            if (!"apps/v1".equals(target.getApiVersion()) || !"Deployment".equals(target.getKind())
                    || !APP.equals(target.getName())) {
                problems.add(where + " must target apps/v1 Deployment " + APP + ", targets " + target.getKind()
                        + " " + target.getName());
            }
            int min = Objects.requireNonNullElse(hpa.getSpec().getMinReplicas(), 1);
            int max = hpa.getSpec().getMaxReplicas();
            if (min < 2 || max < min) {
                problems.add(where + " must keep at least 2 replicas (min " + min + ", max " + max + ")");
            }
            if (replicas < min || replicas > max) {
                problems.add(where + " range " + min + ".." + max + " excludes the Deployment's " + replicas
                        + " replicas");
            }
            if (hpa.getSpec().getMetrics().isEmpty()) {
                problems.add(where + " has no metric to scale on");
            }
        }
        assertNoProblems(overlay + ": replicas, PDB and HPA", problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyImageIsPinnedByTagOrDigestNeverLatest(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : render(overlay).workloads()) {
            for (Container container : workload.containers()) {
                String image = container.getImage();
                var reference = ImageReference.parse(image);
                String where = workload + " container " + container.getName() + " image " + image;
                if (reference.digest() == null && reference.tag() == null) {
                    problems.add(where + " has neither tag nor digest");
                }
                if ("latest".equals(reference.tag())) {
                    problems.add(where + " uses the mutable tag 'latest'");
                }
                if (reference.digest() != null && !DIGEST.matcher(reference.digest()).matches()) {
                    problems.add(where + " has a malformed digest");
                }
            }
        }
        assertNoProblems(overlay + ": images", problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noSecretValueIsCommittedAndEverySecretIsCreatedOutOfBand(String overlay) throws IOException {
        Rendered rendered = render(overlay);
        List<String> problems = new ArrayList<>();
        for (Secret secret : rendered.all(Secret.class)) {
            problems.addAll(secretValueProblems(secret));
        }
        Map<String, Set<String>> templateKeys = new HashMap<>();
        for (Secret template : secretTemplates()) {
            templateKeys.computeIfAbsent(template.getMetadata().getName(), k -> new TreeSet<>())
                    .addAll(template.getStringData().keySet());
        }
        String readme = Files.readString(K8S.resolve("README.md"), StandardCharsets.UTF_8);
        for (Workload workload : rendered.workloads()) {
            for (Container container : workload.containers()) {
                for (EnvVar env : container.getEnv()) {
                    String where = workload + " container " + container.getName() + " env " + env.getName();
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
                        if (!templateKeys.getOrDefault(ref.getName(), Set.of()).contains(ref.getKey())) {
                            problems.add(where + " reads Secret " + ref.getName() + " key " + ref.getKey()
                                    + ", which no *.template.yaml declares");
                        }
                        if (!documentsCreation(readme, "secret generic", ref.getName())) {
                            problems.add(where + ": k8s/README.md shows no `kubectl create secret generic "
                                    + ref.getName() + "`");
                        }
                    } else if (env.getValue() != null && looksSecret(env.getName())) {
                        problems.add(where + " sets a secret-looking value inline: take it from a Secret");
                    }
                }
            }
        }
        rendered.config().keySet().stream().filter(KubernetesManifestsTest::looksSecret)
                .forEach(key -> problems.add("ConfigMap careid-config holds secret-looking key " + key));
        for (Ingress ingress : rendered.all(Ingress.class)) {
            for (IngressTLS tls : ingress.getSpec().getTls()) {
                if (!documentsCreation(readme, "secret tls", tls.getSecretName())) {
                    problems.add("Ingress TLS Secret " + tls.getSecretName()
                            + ": k8s/README.md shows no `kubectl create secret tls` for it");
                }
            }
        }
        assertNoProblems(overlay + ": secrets", problems);
    }

    private static boolean looksSecret(String name) {
        return name.matches("(?i).*(PASSWORD|SECRET|TOKEN|MASTER_KEY|PRIVATE).*");
    }

    private static boolean documentsCreation(String readme, String what, String name) {
        return Pattern.compile("kubectl\\b[^\\n]*\\bcreate " + Pattern.quote(what) + " " + Pattern.quote(name) + "\\b")
                .matcher(readme).find();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyConfigMapTheServerMountsExistsOrIsDocumented(String overlay) throws IOException {
        Rendered rendered = render(overlay);
        Set<String> configMaps = rendered.all(ConfigMap.class).stream().map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet());
        String readme = Files.readString(K8S.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        for (Workload workload : rendered.workloads()) {
            List<String> referenced = new ArrayList<>();
            workload.containers().forEach(c -> c.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null)
                    .forEach(e -> referenced.add(e.getConfigMapRef().getName())));
            workload.pod().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                    .forEach(v -> referenced.add(v.getConfigMap().getName()));
            for (String name : referenced) {
                if (!configMaps.contains(name) && !documentsCreation(readme, "configmap", name)) {
                    problems.add(workload + " uses ConfigMap " + name
                            + ", which is neither rendered nor created by a command in k8s/README.md");
                }
            }
            for (Container container : workload.containers()) {
                Set<String> volumes = workload.pod().getVolumes().stream().map(Volume::getName)
                        .collect(Collectors.toSet());
                for (VolumeMount mount : container.getVolumeMounts()) {
                    boolean claim = workload.kind().equals("StatefulSet") && rendered.all(StatefulSet.class).stream()
                            .flatMap(s -> s.getSpec().getVolumeClaimTemplates().stream())
                            .anyMatch(t -> t.getMetadata().getName().equals(mount.getName()));
                    if (!volumes.contains(mount.getName()) && !claim) {
                        problems.add(workload + " container " + container.getName() + " mounts unknown volume "
                                + mount.getName());
                    }
                }
            }
        }
        Map<String, String> config = rendered.config();
        for (String key : List.of("CAREID_ISSUER", "QUARKUS_DATASOURCE_JDBC_URL", "CAREID_MODELS_DIR")) {
            if (config.get(key) == null || config.get(key).isBlank()) {
                problems.add("ConfigMap careid-config lacks " + key);
            }
        }
        if (config.get("CAREID_ISSUER") != null && !config.get("CAREID_ISSUER").startsWith("https://")) {
            problems.add("CAREID_ISSUER must be the public https URL");
        }
        if (!"true".equals(config.get("CAREID_THREAT_SHARED_FEED"))) {
            problems.add("several replicas need one threat-detector engine: CAREID_THREAT_SHARED_FEED=true");
        }
        String trusted = config.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
        if ("true".equals(config.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"))
                && (trusted == null || trusted.isBlank() || trusted.contains("0.0.0.0/0") || trusted.contains("*"))) {
            problems.add("forwarded headers are honoured: QUARKUS_HTTP_PROXY_TRUSTED_PROXIES must name the ingress, not everyone");
        }
        assertNoProblems(overlay + ": configuration", problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesAdmitOnlyIngressAndDevicesAndReachOnlyDnsAndPostgresql(String overlay) {
        Rendered rendered = render(overlay);
        List<String> problems = new ArrayList<>();
        for (Workload workload : rendered.workloads()) {
            boolean ingressIsolated = policiesFor(rendered, workload.podLabels())
                    .anyMatch(p -> types(p).contains("Ingress"));
            boolean egressIsolated = policiesFor(rendered, workload.podLabels())
                    .anyMatch(p -> types(p).contains("Egress"));
            if (!ingressIsolated || !egressIsolated) {
                problems.add(workload + " pods are not isolated for both ingress and egress by a NetworkPolicy");
            }
        }
        Map<String, String> appLabels = rendered.app().getSpec().getTemplate().getMetadata().getLabels();
        List<NetworkPolicy> policies = policiesFor(rendered, appLabels).toList();
        Set<String> admittedNamespaces = new TreeSet<>();
        boolean dns = false;
        boolean postgresql = false;
        for (NetworkPolicy policy : policies) {
            String where = "NetworkPolicy " + policy.getMetadata().getName();
            if (types(policy).contains("Ingress")) {
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    if (rule.getFrom().isEmpty()) {
                        problems.add(where + " has an ingress rule open to every source");
                    }
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        String namespace = namespaceName(peer.getNamespaceSelector());
                        if (peer.getIpBlock() != null || namespace == null) {
                            problems.add(where + " admits a source that is not a namespace by name: " + peer);
                        } else {
                            admittedNamespaces.add(namespace);
                        }
                    }
                    if (!onlyPorts(rule.getPorts(), "TCP", Set.of(APP_PORT))) {
                        problems.add(where + " admits ports other than TCP " + APP_PORT);
                    }
                }
            }
            if (types(policy).contains("Egress")) {
                for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                    if (rule.getTo().isEmpty() || rule.getPorts().isEmpty()) {
                        problems.add(where + " has an egress rule open to every destination or port");
                    } else if (onlyPorts(rule.getPorts(), null, Set.of(DNS_PORT))) {
                        dns = true;
                        if (!rule.getTo().stream()
                                .allMatch(p -> "kube-system".equals(namespaceName(p.getNamespaceSelector())))) {
                            problems.add(where + " allows DNS to somewhere other than kube-system");
                        }
                    } else if (onlyPorts(rule.getPorts(), "TCP", Set.of(POSTGRESQL_PORT))) {
                        postgresql = true;
                        problems.addAll(postgresqlPeerProblems(rendered, where, rule.getTo()));
                    } else {
                        problems.add(where + " allows egress other than DNS and PostgreSQL: " + rule.getPorts());
                    }
                }
            }
        }
        if (!admittedNamespaces.equals(ALLOWED_INGRESS_NAMESPACES)) {
            problems.add("the server admits namespaces " + admittedNamespaces + ", expected exactly "
                    + ALLOWED_INGRESS_NAMESPACES);
        }
        if (!dns || !postgresql) {
            problems.add("the server needs egress rules for DNS and for PostgreSQL (dns " + dns + ", postgresql "
                    + postgresql + ")");
        }
        assertNoProblems(overlay + ": network policies", problems);
    }

    private static List<String> postgresqlPeerProblems(Rendered rendered, String where, List<NetworkPolicyPeer> peers) {
        List<String> problems = new ArrayList<>();
        List<StatefulSet> databases = rendered.all(StatefulSet.class);
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                String cidr = peer.getIpBlock().getCidr();
                if (!databases.isEmpty() || cidr.endsWith("/0") || !peer.getIpBlock().getExcept().isEmpty()) {
                    problems.add(where + " opens PostgreSQL egress to " + cidr + ": name the database hosts");
                }
            } else if (peer.getPodSelector() == null || peer.getNamespaceSelector() != null
                    || databases.stream().noneMatch(d -> selects(peer.getPodSelector(),
                            d.getSpec().getTemplate().getMetadata().getLabels()))) {
                problems.add(where + " PostgreSQL peer selects no in-cluster database pod of this namespace");
            }
        }
        return problems;
    }

    private static Stream<NetworkPolicy> policiesFor(Rendered rendered, Map<String, String> podLabels) {
        return rendered.all(NetworkPolicy.class).stream().filter(p -> {
            LabelSelector selector = p.getSpec().getPodSelector();
            return selector == null || labels(selector).isEmpty() && selector.getMatchExpressions().isEmpty()
                    || selects(selector, podLabels);
        });
    }

    private static List<String> types(NetworkPolicy policy) {
        return policy.getSpec().getPolicyTypes();
    }

    private static String namespaceName(LabelSelector selector) {
        if (selector == null || !selector.getMatchExpressions().isEmpty() || labels(selector).size() != 1) {
            return null;
        }
        return labels(selector).get("kubernetes.io/metadata.name");
    }

    private static boolean onlyPorts(List<NetworkPolicyPort> ports, String protocol, Set<Integer> allowed) {
        return !ports.isEmpty() && ports.stream().allMatch(p -> p.getPort() != null && p.getPort().getIntVal() != null
                && allowed.contains(p.getPort().getIntVal()) && p.getEndPort() == null
                && (protocol == null || protocol.equals(Objects.requireNonNullElse(p.getProtocol(), "TCP"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void ingressTerminatesTlsAndRoutesOnlyTheApiToTheServer(String overlay) {
        Rendered rendered = render(overlay);
        Service service = rendered.all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(APP))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no Service " + APP));
        Set<String> servicePorts = service.getSpec().getPorts().stream().map(ServicePort::getName)
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Ingress ingress : rendered.all(Ingress.class)) {
            String where = "Ingress " + ingress.getMetadata().getName();
            Set<String> tlsHosts = ingress.getSpec().getTls().stream()
                    .filter(tls -> tls.getSecretName() != null && !tls.getSecretName().isBlank())
                    .flatMap(tls -> tls.getHosts().stream()).collect(Collectors.toSet());
            if (tlsHosts.isEmpty()) {
                problems.add(where + " has no TLS section with a secretName");
            }
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (rule.getHost() == null || !tlsHosts.contains(rule.getHost())) {
                    problems.add(where + " serves host " + rule.getHost() + " without TLS");
                }
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    if (path.getPath().equals("/") || path.getPath().startsWith("/q")) {
                        problems.add(where + " exposes " + path.getPath()
                                + ": health, metrics and OpenAPI under /q must stay inside the cluster");
                    }
                    if (backend == null || !APP.equals(backend.getName())
                            || !servicePorts.contains(backend.getPort().getName())) {
                        problems.add(where + " path " + path.getPath() + " does not route to a named port of Service "
                                + APP);
                    }
                }
            }
            String issuerHost = URI.create(rendered.config().get("CAREID_ISSUER")).getHost();
            if (!tlsHosts.contains(issuerHost)) {
                problems.add(where + " does not serve the issuer host " + issuerHost + " (CAREID_ISSUER)");
            }
        }
        assertNoProblems(overlay + ": ingress", problems);
    }

    @Test
    void devRunsItsOwnPostgresql15OnAPersistentVolume() {
        Rendered dev = render("dev");
        List<StatefulSet> databases = dev.all(StatefulSet.class);
        assertEquals(1, databases.size(), "dev: expected one PostgreSQL StatefulSet");
        StatefulSet database = databases.get(0);
        Container postgres = database.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> problems = new ArrayList<>();
        if (!postgres.getImage().startsWith("postgres:15.")) {
            problems.add("PostgreSQL image must be a postgres:15.x tag, is " + postgres.getImage());
        }
        boolean claimsStorage = database.getSpec().getVolumeClaimTemplates().stream()
                .anyMatch(t -> t.getSpec().getResources().getRequests().containsKey("storage")
                        && postgres.getVolumeMounts().stream()
                                .anyMatch(m -> m.getName().equals(t.getMetadata().getName())));
        if (!claimsStorage) {
            problems.add("PostgreSQL must keep its data on a mounted volumeClaimTemplate with a storage request");
        }
        EnvVar password = postgres.getEnv().stream().filter(e -> e.getName().equals("POSTGRES_PASSWORD")).findFirst()
                .orElse(null);
        if (password == null || password.getValueFrom() == null || password.getValueFrom().getSecretKeyRef() == null) {
            problems.add("POSTGRES_PASSWORD must come from a Secret");
        }
        URI jdbc = jdbcUri(dev.config().get("QUARKUS_DATASOURCE_JDBC_URL"));
        boolean pointsAtIt = dev.all(Service.class).stream()
                .anyMatch(s -> s.getMetadata().getName().equals(jdbc.getHost())
                        && selects(s.getSpec().getSelector(),
                                database.getSpec().getTemplate().getMetadata().getLabels())
                        && s.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == jdbc.getPort()));
        if (!pointsAtIt) {
            problems.add("the server's JDBC URL " + jdbc + " does not name the PostgreSQL Service and port");
        }
        assertNoProblems("dev: PostgreSQL", problems);
    }

    @Test
    void prodUsesAnExternalPostgresqlOverVerifiedTls() {
        Rendered prod = render("prod");
        List<String> problems = new ArrayList<>();
        if (!prod.all(StatefulSet.class).isEmpty()) {
            problems.add("prod must not run a database in the cluster");
        }
        URI jdbc = jdbcUri(prod.config().get("QUARKUS_DATASOURCE_JDBC_URL"));
        if (prod.all(Service.class).stream().anyMatch(s -> s.getMetadata().getName().equals(jdbc.getHost()))) {
            problems.add("prod JDBC URL points at an in-cluster Service: " + jdbc.getHost());
        }
        if (jdbc.getQuery() == null || !jdbc.getQuery().contains("sslmode=verify-full")) {
            problems.add("prod JDBC URL must use sslmode=verify-full");
        }
        assertNoProblems("prod: external PostgreSQL", problems);
    }

    private static URI jdbcUri(String jdbcUrl) {
        assertTrue(jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql://"),
                "not a PostgreSQL JDBC URL: " + jdbcUrl);
        return URI.create(jdbcUrl.substring("jdbc:".length()));
    }

    // ---------------------------------------------------------------- the image the manifests run

    @Test
    void dockerfileIsPinnedNonRootOfflineAndAgreesWithTheManifests() throws IOException {
        List<String> lines = Files.readAllLines(DOCKERFILE, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.stripLeading().startsWith("#")).toList();
        String text = String.join("\n", lines);
        List<String> problems = new ArrayList<>();
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        if (froms.isEmpty()
                || !froms.stream().allMatch(l -> l.matches("FROM \\S+@sha256:[0-9a-f]{64}(\\s+AS\\s+\\S+)?"))) {
            problems.add("every FROM must pin its base image by sha256 digest: " + froms);
        }
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b)
                .map(l -> l.substring(5).trim()).orElse("");
        if (!user.matches("[1-9][0-9]*")) {
            problems.add("the image must end on a numeric non-root USER, ends on '" + user + "'");
        }
        Rendered prod = render("prod");
        Long runAsUser = prod.app().getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
        if (!user.equals(String.valueOf(runAsUser))) {
            problems.add("Deployment runAsUser " + runAsUser + " differs from the image USER " + user);
        }
        for (String required : List.of("COPY target/quarkus-app/", "-Dai.djl.offline=true", "OPT_OUT_TRACKING=\"true\"",
                "JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"", "EXPOSE " + APP_PORT)) {
            if (!text.contains(required)) {
                problems.add("Dockerfile.jvm lacks " + required);
            }
        }
        if (!Pattern.compile("ENV JAVA_OPTS=\"[^\"]*-Dai\\.djl\\.offline=true").matcher(text).find()) {
            problems.add("JAVA_OPTS must carry -Dai.djl.offline=true");
        }
        Matcher modelsDir = Pattern.compile("CAREID_MODELS_DIR=\"([^\"]+)\"").matcher(text);
        String imageModels = modelsDir.find() ? modelsDir.group(1) : null;
        if (imageModels == null || !text.contains("COPY models/ " + imageModels)) {
            problems.add("the image must bake models/ into CAREID_MODELS_DIR (see k8s/README.md)");
        }
        if (!Objects.equals(imageModels, prod.config().get("CAREID_MODELS_DIR"))) {
            problems.add("ConfigMap CAREID_MODELS_DIR " + prod.config().get("CAREID_MODELS_DIR")
                    + " differs from the image's " + imageModels);
        }
        assertNoProblems("src/main/docker/Dockerfile.jvm", problems);
    }

    // ---------------------------------------------------------------- label helpers

    private static Map<String, String> labels(LabelSelector selector) {
        return selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    }

    /** A non-empty matchLabels selector (no expressions) whose labels all appear in the given labels. */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchExpressions().isEmpty() && !labels(selector).isEmpty()
                && selects(labels(selector), labels);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && labels != null && !selector.isEmpty()
                && labels.entrySet().containsAll(selector.entrySet());
    }

    private static String describe(HasMetadata resource) {
        return resource.getKind() + " " + resource.getMetadata().getName();
    }
}
