package org.careid.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.web.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** The registry of clinicians: create, find, edit, deactivate. */
@ApplicationScoped
public class StaffService {
    /** Fired when a staff member is (de)activated, so galleries and token caches follow at once. */
    public record StaffStatusChanged(UUID staffId, boolean active) {}

    private final Caller caller;
    private final Event<StaffStatusChanged> statusChanged;
    private final java.time.Duration leaverErasureAfter;
    private final KnownScopes knownScopes;

    @Inject
    StaffService(Caller caller, Event<StaffStatusChanged> statusChanged, KnownScopes knownScopes,
                 @org.eclipse.microprofile.config.inject.ConfigProperty(name = "careid.staff.leaver-erasure-after",
                         defaultValue = "P30D") java.time.Duration leaverErasureAfter) {
        this.caller = caller;
        this.statusChanged = statusChanged;
        this.knownScopes = knownScopes;
        this.leaverErasureAfter = leaverErasureAfter;
    }

    @Transactional
    public StaffViews.StaffView create(StaffViews.StaffRequest request) {
        if (request.scopes() != null && !request.scopes().isEmpty()) {
            requireAdminForScopes();
        }
        knownScopes.requireKnown(request.scopes());
        if (StaffMember.findByEmployeeId(request.employeeId()) != null) {
            throw ApiException.conflict("A staff member with employee id " + request.employeeId() + " already exists");
        }
        StaffMember s = new StaffMember();
        s.id = UUID.randomUUID();
        s.employeeId = request.employeeId();
        s.displayName = request.displayName().trim();
        s.clinicalRole = request.clinicalRole().trim();
        s.ward = request.ward().trim();
        s.active = true;
        s.scopes = join(request.scopes());
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        s.persist();
        caller.audit(AuditEvent.of("STAFF_CREATED", AuditEvent.Outcome.SUCCESS).target("STAFF", s.id)
                .detail("employeeId", s.employeeId).detail("ward", s.ward).detail("scopes", s.scopes));
        return StaffViews.StaffView.of(s);
    }

    @Transactional
    public StaffViews.StaffView update(UUID id, StaffViews.StaffUpdate update) {
        StaffMember s = require(id);
        if (update.scopes() != null) {
            requireAdminForScopes(); // emptying the scopes is a change of scopes too
        }
        knownScopes.requireKnown(update.scopes());
        if (update.displayName() != null) s.displayName = update.displayName().trim();
        if (update.clinicalRole() != null) s.clinicalRole = update.clinicalRole().trim();
        if (update.ward() != null) s.ward = update.ward().trim();
        if (update.scopes() != null) s.scopes = join(update.scopes());
        s.updatedAt = Instant.now();
        caller.audit(AuditEvent.of("STAFF_UPDATED", AuditEvent.Outcome.SUCCESS).target("STAFF", s.id)
                .detail("ward", s.ward).detail("clinicalRole", s.clinicalRole).detail("scopes", s.scopes));
        return StaffViews.StaffView.of(s);
    }

    @Transactional
    public StaffViews.StaffView setActive(UUID id, boolean active) {
        StaffMember s = require(id);
        if (s.active != active) {
            s.active = active;
            s.updatedAt = Instant.now();
            AuditEvent event = AuditEvent.of(active ? "STAFF_ACTIVATED" : "STAFF_DEACTIVATED", AuditEvent.Outcome.SUCCESS)
                    .target("STAFF", s.id);
            if (!active) {
                // a leaver's biometrics go after the retention (biometric.LeaverErasure erases them)
                s.biometricsErasureDueAt = s.updatedAt.plus(leaverErasureAfter);
                event = event.detail("biometricsErasureDueAt", s.biometricsErasureDueAt.toString());
            } else if (s.biometricsErasureDueAt != null) {
                event = event.detail("biometricsErasureCancelled", s.biometricsErasureDueAt.toString());
                s.biometricsErasureDueAt = null;
            }
            caller.audit(event);
            statusChanged.fire(new StaffStatusChanged(s.id, active));
        }
        return StaffViews.StaffView.of(s);
    }

    @Transactional
    public StaffViews.StaffView get(UUID id) {
        return StaffViews.StaffView.of(require(id));
    }

    @Transactional
    public PageOf<StaffViews.StaffView> search(String q, Boolean active, String ward, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(displayName) like :q or lower(employeeId) like :q or lower(ward) like :q)");
            params.and("q", "%" + q.trim().toLowerCase(java.util.Locale.ROOT) + "%");
        }
        if (ward != null && !ward.isBlank()) {
            where.append(" and lower(ward) = :ward");
            params.and("ward", ward.trim().toLowerCase(java.util.Locale.ROOT));
        }
        if (active != null) {
            where.append(" and active = :active");
            params.and("active", active);
        }
        PanacheQuery<StaffMember> query = StaffMember.find(where.toString(), Sort.by("displayName").and("id"), params);
        return PageOf.of(query, page, size, StaffViews.StaffView::of);
    }

    /** For other features: the entity if it exists (active or not), else 404. */
    public StaffMember require(UUID id) {
        StaffMember s = StaffMember.findById(id);
        if (s == null) {
            throw ApiException.notFound("Staff member " + id);
        }
        return s;
    }

    private void requireAdminForScopes() {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiException.forbidden("Only an ADMIN may change scopes");
        }
    }

    private static String join(Set<String> scopes) {
        return scopes == null ? "" : String.join(" ", new java.util.TreeSet<>(scopes));
    }
}
