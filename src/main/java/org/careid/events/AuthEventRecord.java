package org.careid.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One security-relevant event, as the auth, token and identity services see it. They fire it as a
 * CDI event ({@link SecurityEvents}); threat detection observes it. Plain data: no image, embedding,
 * template, token or PIN ever goes in here. Fields that do not apply to a kind are null.
 *
 * @param time            when it happened
 * @param kind            what happened
 * @param staffId         the authenticated staff member (successes, token events), or null
 * @param claimedStaffId  the identity that was claimed (1:1) or, for a failed 1:N search, the best
 *                        candidate; null when unknown
 * @param deviceId        the device involved (the presenting device for token events)
 * @param deviceWard      the ward the device is installed in (registry value), or null
 * @param deviceType      the device type (e.g. bedside, medication-cart, door), or null
 * @param modality        the factors presented, e.g. "face", "fingerprint", "face+pin"
 * @param scopes          the requested scopes (never null; empty when none)
 * @param matchScore      the best biometric match score when biometric, else null
 * @param matchThreshold  the decision threshold that score was compared with, else null
 * @param outcome         a short outcome code from the auth service (e.g. "ok", "no-match", "locked")
 * @param misuse          for {@link AuthEventKind#TOKEN_MISUSE}: which misuse
 * @param softwareVersion for {@link AuthEventKind#DEVICE_VERSION_REPORTED}: the reported version
 */
public record AuthEventRecord(Instant time, AuthEventKind kind, UUID staffId, UUID claimedStaffId,
                              UUID deviceId, String deviceWard, String deviceType, String modality,
                              Set<String> scopes, Double matchScore, Double matchThreshold,
                              String outcome, TokenMisuseKind misuse, String softwareVersion) {

    public AuthEventRecord {
        if (time == null || kind == null) {
            throw new IllegalArgumentException("time and kind are required");
        }
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    /** The identity an attempt was about: the authenticated one, else the claimed one. */
    public UUID subjectStaffId() {
        return staffId != null ? staffId : claimedStaffId;
    }

    public static Builder builder(AuthEventKind kind, Instant time) {
        return new Builder(kind, time);
    }

    /** Fluent construction, since most kinds fill only a few fields. */
    public static final class Builder {
        private final AuthEventKind kind;
        private final Instant time;
        private UUID staffId;
        private UUID claimedStaffId;
        private UUID deviceId;
        private String deviceWard;
        private String deviceType;
        private String modality;
        private Set<String> scopes = Set.of();
        private Double matchScore;
        private Double matchThreshold;
        private String outcome;
        private TokenMisuseKind misuse;
        private String softwareVersion;

        private Builder(AuthEventKind kind, Instant time) {
            this.kind = kind;
            this.time = time;
        }

        public Builder staff(UUID id) { this.staffId = id; return this; }
        public Builder claimedStaff(UUID id) { this.claimedStaffId = id; return this; }
        public Builder device(UUID id, String ward, String type) {
            this.deviceId = id; this.deviceWard = ward; this.deviceType = type; return this;
        }
        public Builder modality(String m) { this.modality = m; return this; }
        public Builder scopes(Set<String> s) { this.scopes = s; return this; }
        public Builder match(double score, double threshold) {
            this.matchScore = score; this.matchThreshold = threshold; return this;
        }
        public Builder outcome(String o) { this.outcome = o; return this; }
        public Builder misuse(TokenMisuseKind m) { this.misuse = m; return this; }
        public Builder softwareVersion(String v) { this.softwareVersion = v; return this; }

        public AuthEventRecord build() {
            return new AuthEventRecord(time, kind, staffId, claimedStaffId, deviceId, deviceWard,
                    deviceType, modality, scopes, matchScore, matchThreshold, outcome, misuse,
                    softwareVersion);
        }
    }
}
