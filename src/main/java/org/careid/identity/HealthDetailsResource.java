package org.careid.identity;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.careid.web.DetailedHealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The health checks with their data (model directory, signing key id, gallery counts), for
 * administrators; the anonymous {@code /q/health} endpoints give name and status only.
 */
@Path("/api/v1/health/details")
@Tag(name = "Operators")
public class HealthDetailsResource {
    private final Instance<DetailedHealthCheck> checks;

    @Inject
    HealthDetailsResource(@Any Instance<DetailedHealthCheck> checks) {
        this.checks = checks;
    }

    public record Check(String name, String status, Map<String, Object> data) {}

    public record Details(String status, List<Check> checks) {}

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Details details() {
        List<Check> all = checks.stream().map(DetailedHealthCheck::detailed)
                .map(r -> new Check(r.getName(), r.getStatus().name(), new LinkedHashMap<>(r.getData().orElse(Map.of()))))
                .sorted(Comparator.comparing(Check::name)).toList();
        boolean up = all.stream().allMatch(c -> c.status().equals("UP"));
        return new Details(up ? "UP" : "DOWN", all);
    }
}
