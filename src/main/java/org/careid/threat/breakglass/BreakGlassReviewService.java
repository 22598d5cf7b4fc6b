package org.careid.threat.breakglass;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.careid.threat.AuthEventKind;
import org.careid.threat.AuthEventRecord;
import org.careid.threat.ThreatMonitor;

/**
 * Review items for emergency access. The break-glass flow (auth/token packages) calls
 * {@link #open} right after issuing the emergency token; that also reports a BREAK_GLASS event, so
 * the monitor raises its high-severity alert. An ADMIN closes the item as justified or not.
 */
@ApplicationScoped
public class BreakGlassReviewService {
    static final int MAX_TEXT = 500;

    @Inject
    ThreatMonitor monitor;
    @Inject
    jakarta.enterprise.event.Event<BreakGlassReviewClosed> closures;

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
        monitor.onEvent(AuthEventRecord.builder(AuthEventKind.BREAK_GLASS, r.createdAt).staff(staffId)
                .device(deviceId, ward, deviceType).outcome(reason.name()).build());
        return BreakGlassReviewView.of(r);
    }

    public List<BreakGlassReviewView> list(BreakGlassStatus status, int page, int size) {
        var q = status == null ? BreakGlassReview.<BreakGlassReview>findAll(Sort.descending("createdAt"))
                : BreakGlassReview.<BreakGlassReview>find("status", Sort.descending("createdAt"), status);
        return q.page(Page.of(page, size)).list().stream().map(BreakGlassReviewView::of).toList();
    }

    public BreakGlassReviewView get(UUID id) {
        return BreakGlassReviewView.of(find(id));
    }

    /** Closes a pending item; a closed one cannot be reopened or changed. */
    @Transactional
    public BreakGlassReviewView close(UUID id, boolean justified, String reviewer, String note) {
        BreakGlassReview r = find(id);
        if (r.status != BreakGlassStatus.PENDING) {
            throw new IllegalStateException("review is already " + r.status);
        }
        r.status = justified ? BreakGlassStatus.JUSTIFIED : BreakGlassStatus.UNJUSTIFIED;
        r.reviewer = reviewer;
        r.reviewedAt = Instant.now();
        r.reviewNote = note == null ? null : note.length() <= 1000 ? note : note.substring(0, 1000);
        BreakGlassReviewView view = BreakGlassReviewView.of(r);
        closures.fire(new BreakGlassReviewClosed(view));
        return view;
    }

    private static BreakGlassReview find(UUID id) {
        BreakGlassReview r = BreakGlassReview.findById(id);
        if (r == null) {
            throw new NotFoundException("no such review");
        }
        return r;
    }
}
