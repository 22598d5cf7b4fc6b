package org.careid.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.careid.cluster.ClusterLease;
import org.careid.face.FacePresence;
import org.careid.identity.Caller;
import org.careid.token.AccessTokenClaims;
import org.careid.token.Introspection;
import org.careid.token.Revocations;
import org.careid.web.ApiException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Bedside sessions: a device starts one for the access token it just received, keeps it alive with
 * heartbeats (a tap, or a camera frame checked for the clinician's face), and the server ends it,
 * revoking the token, when the device goes idle, the clinician is absent, someone else is in front
 * of the device, or the device ends it. State lives in the database; one replica sweeps at a time.
 */
@ApplicationScoped
public class SessionService {
    static final String SWEEP_LEASE = "bedside-session-sweep";

    /** A session as the device sees it. */
    public record View(UUID id, UUID staffId, boolean open, String endReason, String seen, Instant startedAt,
                       Instant lastHeartbeatAt, Instant absentSince, Instant idleExpiresAt, Instant tokenExpiresAt) {
        static View of(BedsideSession s, FacePresence.Seen seen, Duration idle) {
            return new View(s.id, s.staffId, s.open(), s.endReason == null ? null : s.endReason.wireName(),
                    seen == null ? null : seen.name().toLowerCase(java.util.Locale.ROOT), s.startedAt, s.lastHeartbeatAt,
                    s.absentSince, s.open() ? s.lastHeartbeatAt.plus(idle) : null, s.tokenExpiresAt);
        }
    }

    private final SessionSettings settings;
    private final Introspection introspection;
    private final Revocations revocations;
    private final FacePresence presence;
    private final Caller caller;
    private final AuditTrail audit;
    private final ClusterLease lease;

    SessionService(SessionSettings settings, Introspection introspection, Revocations revocations, FacePresence presence,
                   Caller caller, AuditTrail audit, ClusterLease lease) {
        this.settings = settings;
        this.introspection = introspection;
        this.revocations = revocations;
        this.presence = presence;
        this.caller = caller;
        this.audit = audit;
        this.lease = lease;
    }

    /** Starts the session of the calling device's active token; the same token starts it once. */
    @Transactional
    public View start(String token) {
        Introspection.Verdict verdict = introspection.introspect(token, Introspection.Presentation.NONE);
        if (!verdict.active()) {
            // the token in the body cannot start a session: 422 with its type (revoked, invalid...);
            // a 401 would say the caller's own credentials were refused
            throw new ApiException(Problem.of(verdict.failure().problemType(), verdict.failure().description()).withStatus(422));
        }
        AccessTokenClaims claims = verdict.claims();
        BedsideSession existing = BedsideSession.find("tokenJti", claims.jti()).firstResult();
        if (existing != null) {
            requireOpen(existing);
            return View.of(existing, null, settings.idleTimeout());
        }
        Instant now = Instant.now();
        BedsideSession s = new BedsideSession();
        s.id = UUID.randomUUID();
        s.tokenJti = claims.jti();
        s.tokenExpiresAt = claims.expiresAt();
        s.staffId = claims.staffId();
        s.deviceId = claims.deviceId();
        s.startedAt = now;
        s.lastHeartbeatAt = now;
        s.persist();
        caller.audit(AuditEvent.of("SESSION_STARTED", AuditEvent.Outcome.SUCCESS).target("SESSION", s.id)
                .detail("staffId", s.staffId.toString()).detail("deviceId", s.deviceId.toString()));
        return View.of(s, null, settings.idleTimeout());
    }

    /** A tap (no frame) or a frame: the face pipeline runs before the row is locked. */
    public View heartbeat(UUID id, byte[] frame) {
        UUID clinician = QuarkusTransaction.requiringNew().call(() -> {
            BedsideSession s = own(id, false);
            requireOpen(s);
            return s.staffId;
        });
        FacePresence.Seen seen = frame == null ? null : presence.look(frame, clinician, settings.differentFaceBelow()).seen();
        return QuarkusTransaction.requiringNew().call(() -> {
            BedsideSession s = own(id, true);
            requireOpen(s);
            Instant now = Instant.now();
            s.lastHeartbeatAt = now;
            if (seen == FacePresence.Seen.SOMEONE_ELSE) {
                end(s, SessionEndReason.DIFFERENT_FACE, caller::audit);
            } else if (seen == FacePresence.Seen.NOBODY) {
                s.absentSince = s.absentSince == null ? now : s.absentSince;
                if (!s.absentSince.plus(settings.absenceTimeout()).isAfter(now)) {
                    end(s, SessionEndReason.ABSENCE, caller::audit);
                }
            } else {
                s.absentSince = null;
            }
            return View.of(s, seen, settings.idleTimeout());
        });
    }

    @Transactional
    public View get(UUID id) {
        return View.of(own(id, false), null, settings.idleTimeout());
    }

    /** Ends the session at the device's request; ending an ended session changes nothing. */
    @Transactional
    public void endByDevice(UUID id) {
        BedsideSession s = own(id, true);
        if (s.open()) {
            end(s, SessionEndReason.ENDED_BY_DEVICE, caller::audit);
        }
    }

    /** Ends idle, absent and expired sessions; on one replica at a time (the sweep lease). */
    @Scheduled(every = "${careid.session.sweep-interval:PT10S}", identity = "careid-bedside-session-sweep",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!lease.tryAcquire(SWEEP_LEASE, settings.sweepInterval().multipliedBy(3))) {
            return;
        }
        Instant now = Instant.now();
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> BedsideSession.<BedsideSession>find(
                        "endedAt is null and (lastHeartbeatAt < ?1 or absentSince < ?2 or tokenExpiresAt < ?3)",
                        now.minus(settings.idleTimeout()), now.minus(settings.absenceTimeout()), now)
                .list().stream().map(s -> s.id).toList());
        Consumer<AuditEvent> system = e -> audit.record(e.actor("SYSTEM", "bedside-session-sweep"));
        for (UUID id : due) {
            QuarkusTransaction.requiringNew().run(() -> {
                BedsideSession s = BedsideSession.findById(id, LockModeType.PESSIMISTIC_WRITE);
                Instant at = Instant.now();
                if (s == null || !s.open()) {
                    return; // ended meanwhile by a heartbeat or the device
                }
                if (s.tokenExpiresAt.isBefore(at)) {
                    end(s, SessionEndReason.TOKEN_EXPIRED, system);
                } else if (s.lastHeartbeatAt.plus(settings.idleTimeout()).isBefore(at)) {
                    end(s, SessionEndReason.IDLE, system);
                } else if (s.absentSince != null && s.absentSince.plus(settings.absenceTimeout()).isBefore(at)) {
                    end(s, SessionEndReason.ABSENCE, system);
                }
            });
        }
    }

    private void end(BedsideSession s, SessionEndReason reason, Consumer<AuditEvent> auditor) {
        s.endedAt = Instant.now();
        s.endReason = reason;
        if (reason != SessionEndReason.TOKEN_EXPIRED) {
            revocations.revoke(s.tokenJti, s.staffId, s.deviceId, s.tokenExpiresAt, reason.revocationReason(), auditor);
        }
        auditor.accept(AuditEvent.of("SESSION_ENDED", AuditEvent.Outcome.SUCCESS).target("SESSION", s.id)
                .detail("staffId", s.staffId.toString()).detail("deviceId", s.deviceId.toString())
                .detail("reason", reason.wireName()));
    }

    /** The calling device's session; another device's session is answered as unknown. */
    private BedsideSession own(UUID id, boolean lock) {
        BedsideSession s = lock ? BedsideSession.findById(id, LockModeType.PESSIMISTIC_WRITE) : BedsideSession.findById(id);
        if (s == null || !s.deviceId.equals(caller.uuid())) {
            throw new ApiException(ProblemType.SESSION_NOT_FOUND, "no session " + id + " for this device");
        }
        return s;
    }

    private static void requireOpen(BedsideSession s) {
        if (!s.open()) {
            throw new ApiException(Problem.of(ProblemType.SESSION_ENDED, "the session has ended; authenticate again")
                    .with("reason", s.endReason.wireName()));
        }
    }
}
