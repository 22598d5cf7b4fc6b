package org.careid.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.careid.support.Prerequisites;

/**
 * Renders a kustomization with the real tool, {@code kubectl kustomize}, so the tests check exactly
 * what {@code kubectl apply -k} would deploy. Without kubectl the tests are skipped (a failure with
 * {@code -Dcareid.require-datasets=true}, as in CI).
 */
final class Kustomize {

    private Kustomize() {
    }

    static List<JsonNode> render(Path kustomization) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException notInstalled) {
            Prerequisites.require(false, "kubectl is not installed (it renders k8s/ as kubectl apply -k does)");
            throw notInstalled;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + kustomization + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering " + kustomization, e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + kustomization + " failed with exit code " + process.exitValue());
        }
        return KubernetesYaml.readDocuments(output, "kubectl kustomize " + kustomization);
    }
}
