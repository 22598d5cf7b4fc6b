package org.careid.kiosk;

import java.time.Duration;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the enrollment kiosk needs before anyone logs in: the idle time after which it logs the
 * operator off (HIPAA automatic logoff) and the version of the consent text in force. Public,
 * because the login page already applies the idle rule.
 */
@Path("/api/v1/kiosk/settings")
@PermitAll
@Tag(name = "Kiosk", description = "Settings of the enrollment kiosk")
public class KioskSettingsResource {
    public record KioskSettings(long idleTimeoutSeconds, String consentTextVersion) {}

    @ConfigProperty(name = "careid.kiosk.idle-timeout", defaultValue = "PT5M")
    Duration idleTimeout;
    @ConfigProperty(name = "careid.consent.text-version", defaultValue = "2026-11")
    String consentTextVersion;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public KioskSettings settings() {
        return new KioskSettings(Math.max(1, idleTimeout.toSeconds()), consentTextVersion);
    }
}
