package org.careid.kiosk;

import java.time.Duration;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.careid.face.FaceEnrollmentPolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Settings the kiosk page needs before login: its automatic log-off time (HIPAA), consent version and how faces are captured. */
@Path("/api/v1/kiosk/settings")
@PermitAll
@Tag(name = "Kiosk")
public class KioskSettingsResource {
    /** faceChallengeRequired: face samples come from a live head-turn burst (careid.face.enrollment.challenge-required). */
    public record KioskSettings(long idleTimeoutSeconds, String consentTextVersion, boolean faceChallengeRequired) {}

    @ConfigProperty(name = "careid.kiosk.idle-timeout", defaultValue = "PT5M")
    Duration idleTimeout;
    @ConfigProperty(name = "careid.consent.text-version", defaultValue = "2026-11")
    String consentTextVersion;

    @Inject
    FaceEnrollmentPolicy faceEnrollment;

    @GET
    public KioskSettings settings() {
        return new KioskSettings(idleTimeout.toSeconds(), consentTextVersion, faceEnrollment.challengeRequired());
    }
}
