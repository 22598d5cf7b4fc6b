package org.careid.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.biometric.MatchOutcome;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Prometheus metrics of authentication at devices: attempts by modality and outcome, latency per
 * pipeline stage, and match scores of accepted (genuine) decisions. Labels carry no personal data.
 */
@ApplicationScoped
public class AuthMetrics {
    @Inject
    MeterRegistry registry;

    void attempt(List<MatchOutcome> outcomes, boolean pin, boolean success, long startedNanos) {
        String modality = outcomes.stream().map(MatchOutcome::modality).collect(Collectors.joining("+"));
        if (pin) {
            modality = modality.isEmpty() ? "pin" : modality + "+pin";
        }
        registry.counter("careid.auth.attempts", "modality", modality.isEmpty() ? "none" : modality,
                "outcome", success ? "success" : "failure").increment();
        Timer.builder("careid.auth.duration").publishPercentileHistogram().tag("outcome", success ? "success" : "failure")
                .register(registry).record(Duration.ofNanos(System.nanoTime() - startedNanos));
        for (MatchOutcome o : outcomes) {
            for (Map.Entry<String, Double> stage : o.timingsMs().entrySet()) {
                Timer.builder("careid.auth.stage").publishPercentileHistogram()
                        .tag("modality", o.modality()).tag("stage", stage.getKey().replace("Ms", ""))
                        .register(registry).record(Duration.ofNanos((long) (stage.getValue() * 1_000_000)));
            }
            if (success && o.matched()) {
                DistributionSummary.builder("careid.match.score").publishPercentileHistogram().tag("modality", o.modality())
                        .register(registry).record(o.score());
            }
        }
    }
}
