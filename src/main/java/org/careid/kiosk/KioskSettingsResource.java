package org.careid.kiosk;

import java.time.Duration;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Settings the kiosk page needs before login: its automatic log-off time (HIPAA) and consent version. */
@Path("/api/v1/kiosk/settings")
@PermitAll
@Tag(name = "Kiosk")
public class KioskSettingsResource {
    public record KioskSettings(long idleTimeoutSeconds, String consentTextVersion) {}

    @ConfigProperty(name = "careid.kiosk.idle-timeout", defaultValue = "PT5M")
    Duration idleTimeout;
    @ConfigProperty(name = "careid.consent.text-version", defaultValue = "2026-11")
    String consentTextVersion;

    @GET
    public KioskSettings settings() {
        return new KioskSettings(idleTimeout.toSeconds(), consentTextVersion);
    }
}
