package org.careid.biometric;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.identity.Caller;
import org.careid.identity.StaffService;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Biometric consent and erasure: no capture without recorded consent, and withdrawing consent
 * erases every biometric the person has.
 */
@ApplicationScoped
public class ConsentService {
    public record ConsentText(String version, String text) {}

    public record ConsentView(UUID staffId, String textVersion, Instant recordedAt, String recordedBy, String source) {
        static ConsentView of(BiometricConsent c) {
            return new ConsentView(c.staffId, c.textVersion, c.recordedAt, c.recordedBy, c.source);
        }
    }

    private final String textVersion;
    private final String text;
    private final Caller caller;
    private final StaffService staff;
    private final Event<BiometricsErased> erased;
    private final Instance<EnrollmentSource> sources;

    @Inject
    ConsentService(@ConfigProperty(name = "careid.consent.text-version", defaultValue = "2026-11") String textVersion,
                   @ConfigProperty(name = "careid.consent.text") String text, Caller caller, StaffService staff,
                   Event<BiometricsErased> erased, Instance<EnrollmentSource> sources) {
        this.textVersion = textVersion;
        this.text = text;
        this.caller = caller;
        this.staff = staff;
        this.erased = erased;
        this.sources = sources;
    }

    public ConsentText text() {
        return new ConsentText(textVersion, text);
    }

    @Transactional
    public ConsentView record(UUID staffId, String presentedVersion) {
        return record(staffId, presentedVersion, null);
    }

    /**
     * As {@link #record(UUID, String)}, naming where the consent came from ({@code source}, e.g.
     * {@code import <job id>} for a consent HR collected on paper and a staff import carried).
     */
    @Transactional
    public ConsentView record(UUID staffId, String presentedVersion, String source) {
        staff.require(staffId);
        if (!textVersion.equals(presentedVersion)) {
            throw new ApiException(ProblemType.CONSENT_TEXT_OUTDATED, "Consent was shown for text version " + presentedVersion
                    + " but the current version is " + textVersion + "; show the current text");
        }
        BiometricConsent c = BiometricConsent.findById(staffId);
        boolean first = c == null;
        if (first) {
            c = new BiometricConsent();
            c.staffId = staffId;
        }
        c.textVersion = textVersion;
        c.recordedAt = Instant.now();
        c.recordedBy = caller.id();
        c.source = source;
        if (first) {
            c.persist();
        }
        AuditEvent event = AuditEvent.of("BIOMETRIC_CONSENT_RECORDED", AuditEvent.Outcome.SUCCESS).target("STAFF", staffId)
                .detail("textVersion", textVersion);
        caller.audit(source == null ? event : event.detail("source", source));
        return ConsentView.of(c);
    }

    @Transactional
    public void withdraw(UUID staffId) {
        staff.require(staffId);
        BiometricConsent.deleteById(staffId);
        erased.fire(new BiometricsErased(staffId, "consent withdrawn"));
        caller.audit(AuditEvent.of("BIOMETRIC_CONSENT_WITHDRAWN", AuditEvent.Outcome.SUCCESS).target("STAFF", staffId));
    }

    /** Erases every biometric of the person, keeping the consent record. */
    @Transactional
    public void eraseAll(UUID staffId) {
        staff.require(staffId);
        erased.fire(new BiometricsErased(staffId, "erased by operator"));
        caller.audit(AuditEvent.of("BIOMETRICS_ERASED", AuditEvent.Outcome.SUCCESS).target("STAFF", staffId));
    }

    /** True when the person's consent is recorded. */
    @Transactional
    public boolean hasConsent(UUID staffId) {
        return BiometricConsent.findById(staffId) != null;
    }

    /** Refuses a capture for a person without recorded consent (409). */
    public void requireConsent(UUID staffId) {
        staff.require(staffId);
        if (BiometricConsent.findById(staffId) == null) {
            throw new ApiException(ProblemType.CONSENT_REQUIRED, "Record the person's biometric consent before any capture");
        }
    }

    @Transactional
    public Map<String, Object> summary(UUID staffId) {
        staff.require(staffId);
        Map<String, Object> view = new LinkedHashMap<>();
        BiometricConsent c = BiometricConsent.findById(staffId);
        view.put("consent", c == null ? null : ConsentView.of(c));
        for (EnrollmentSource source : sources) {
            view.put(source.modality(), source.summary(staffId));
        }
        return view;
    }
}
