package org.careid.auth.breakglass;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.events.SecurityEvents;
import org.careid.identity.Caller;
import org.careid.web.ApiException;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Review items for emergency access. The break-glass flow calls {@link #open} right after issuing
 * the emergency token; that also publishes a BREAK_GLASS security event, on which threat detection
 * raises its high-severity alert. An ADMIN closes the item as justified or not (audited).
 */
@ApplicationScoped
public class BreakGlassReviewService {
    static final int MAX_TEXT = 500;
    static final int MAX_NOTE = 1000;

    private final SecurityEvents events;
    private final Caller caller;

    @Inject
    BreakGlassReviewService(SecurityEvents events, Caller caller) {
        this.events = events;
        this.caller = caller;
    }

    /** Records one use; {@code ward} and {@code deviceType} are for the alert only. */
    @Transactional
    public BreakGlassReviewView open(UUID staffId, UUID deviceId, String ward, String deviceType,
                                     BreakGlassReason reason, String text, String tokenJti) {
        if (staffId == null || deviceId == null || reason == null) {
            throw new IllegalArgumentException("staff, device and reason are required");
        }
        BreakGlassReview r = new BreakGlassReview();
        r.id = UUID.randomUUID();
        r.staffId = staffId;
        r.deviceId = deviceId;
        r.reasonCode = reason;
        r.reasonText = text == null ? null : text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
        r.tokenJti = tokenJti;
        r.createdAt = Instant.now();
        r.status = BreakGlassStatus.PENDING;
        r.persist();
        events.publish(AuthEventRecord.builder(AuthEventKind.BREAK_GLASS, r.createdAt).staff(staffId)
                .device(deviceId, ward, deviceType).outcome(reason.name()));
        return BreakGlassReviewView.of(r);
    }

    @Transactional
    public List<BreakGlassReviewView> list(BreakGlassStatus status, int page, int size) {
        var q = status == null ? BreakGlassReview.<BreakGlassReview>findAll(Sort.descending("createdAt"))
                : BreakGlassReview.<BreakGlassReview>find("status", Sort.descending("createdAt"), status);
        return q.page(Page.of(page, size)).list().stream().map(BreakGlassReviewView::of).toList();
    }

    @Transactional
    public BreakGlassReviewView get(UUID id) {
        return BreakGlassReviewView.of(find(id));
    }

    /** Closes a pending item as the calling ADMIN; a closed one cannot be reopened or changed (409). */
    @Transactional
    public BreakGlassReviewView close(UUID id, boolean justified, String note) {
        BreakGlassReview r = find(id);
        if (r.status != BreakGlassStatus.PENDING) {
            throw ApiException.conflict("The review is already " + r.status);
        }
        r.status = justified ? BreakGlassStatus.JUSTIFIED : BreakGlassStatus.UNJUSTIFIED;
        r.reviewer = caller.id();
        r.reviewedAt = Instant.now();
        r.reviewNote = note == null ? null : note.length() <= MAX_NOTE ? note : note.substring(0, MAX_NOTE);
        caller.audit(AuditEvent.of("BREAK_GLASS_REVIEW_CLOSED", AuditEvent.Outcome.SUCCESS).target("BREAK_GLASS_REVIEW", r.id)
                .detail("staffId", String.valueOf(r.staffId)).detail("deviceId", String.valueOf(r.deviceId))
                .detail("decision", r.status.name()));
        return BreakGlassReviewView.of(r);
    }

    private static BreakGlassReview find(UUID id) {
        BreakGlassReview r = BreakGlassReview.findById(id);
        if (r == null) {
            throw ApiException.notFound("Break-glass review " + id);
        }
        return r;
    }
}
