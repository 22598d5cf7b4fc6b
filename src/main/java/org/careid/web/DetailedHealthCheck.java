package org.careid.web;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A health check whose data (model paths, key ids, gallery counts) is for administrators only:
 * {@code /q/health} answers anyone, so it gets the name and UP/DOWN alone, and the data is served
 * by the authenticated details endpoint ({@code GET /api/v1/health/details}).
 */
public interface DetailedHealthCheck extends HealthCheck {

    /** The check with its data. */
    HealthCheckResponse detailed();

    /** Name and status only: what an anonymous probe may see. */
    @Override
    default HealthCheckResponse call() {
        HealthCheckResponse full = detailed();
        return HealthCheckResponse.builder().name(full.getName()).status(full.getStatus() == HealthCheckResponse.Status.UP).build();
    }
}
