package org.careid.identity;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.careid.audit.AuditEvent;
import org.careid.crypto.PasswordHasher;
import org.careid.token.OperatorTokens;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.careid.web.RefusalTiming;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Username + password login for operators, with lockout: after 5 consecutive failures the account
 * is locked for 30 s, doubling with each further failure up to 15 minutes. Every failure gets the
 * same answer, whether the account exists, is locked, inactive or the password is wrong.
 */
@ApplicationScoped
public class OperatorLogin {
    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCKOUT = Duration.ofSeconds(30);
    static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);

    public record Credentials(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {}

    public record LoginResult(String access_token, String token_type, long expires_in, String role,
                              boolean password_change_required) {}

    private final PasswordHasher hasher;
    private final OperatorTokens tokens;
    private final Caller caller;
    private final AttemptThrottle throttle;
    private final RefusalTiming refusalTiming;
    private static final String REFUSAL_KIND = "login";

    @Inject
    OperatorLogin(PasswordHasher hasher, OperatorTokens tokens, Caller caller, AttemptThrottle throttle,
                  RefusalTiming refusalTiming) {
        this.refusalTiming = refusalTiming;
        this.hasher = hasher;
        this.tokens = tokens;
        this.caller = caller;
        this.throttle = throttle;
    }

    /** A hash to check against when the account does not exist, so timing reveals nothing. */
    private volatile String decoyHash;

    public LoginResult login(Credentials credentials) {
        throttle.acquire(AttemptThrottle.Action.LOGIN, credentials.username());
        long started = System.nanoTime();
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> attempt(credentials));
        caller.audit(outcome.event.actor("OPERATOR", outcome.operatorId).source(caller.sourceAddress()));
        if (outcome.result == null) {
            // A wrong password is counted (a write); an unknown, locked or inactive account is not:
            // without the wait the clock would tell which usernames exist and which are locked.
            if (outcome.counted) {
                refusalTiming.fullRefusal(REFUSAL_KIND, started);
            } else {
                refusalTiming.cheapRefusal(REFUSAL_KIND, started);
            }
            throw new ApiException(ProblemType.LOGIN_FAILED, "The username or password is not correct, or the account is locked");
        }
        return outcome.result;
    }

    /** {@code counted}: a refusal that updated the account's failure count. */
    private record Outcome(LoginResult result, AuditEvent event, String operatorId, boolean counted) {
        Outcome(LoginResult result, AuditEvent event, String operatorId) {
            this(result, event, operatorId, false);
        }
    }

    private Outcome attempt(Credentials credentials) {
        OperatorAccount a = OperatorAccount.find("username", credentials.username())
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
        Instant now = Instant.now();
        if (a == null) {
            hasher.verify(credentials.password(), decoy());
            return failure("unknown username", null);
        }
        if (a.lockedUntil != null && now.isBefore(a.lockedUntil)) {
            hasher.verify(credentials.password(), decoy()); // a lock must not show in the answer's timing
            return failure("account locked", a);
        }
        if (!hasher.verify(credentials.password(), a.passwordHash)) {
            a.failedAttempts++;
            if (a.failedAttempts >= FREE_ATTEMPTS) {
                Duration lock = lockoutFor(a.failedAttempts);
                a.lockedUntil = now.plus(lock);
                return new Outcome(null, AuditEvent.of("OPERATOR_LOCKED_OUT", AuditEvent.Outcome.DENIED)
                        .target("OPERATOR", a.id).detail("failures", a.failedAttempts)
                        .detail("lockedSeconds", lock.toSeconds()), a.id.toString(), true);
            }
            Outcome wrong = failure("wrong password", a);
            return new Outcome(null, wrong.event, wrong.operatorId, true);
        }
        if (!a.active) {
            return failure("account inactive", a);
        }
        a.failedAttempts = 0;
        a.lockedUntil = null;
        a.lastLoginAt = now;
        OperatorTokens.Issued issued = tokens.issueForOperator(a.id, a.username, a.role.name(), a.sessionEpoch);
        return new Outcome(new LoginResult(issued.token(), "Bearer", issued.expiresIn(), a.role.name(), a.mustChangePassword),
                AuditEvent.of("OPERATOR_LOGIN", AuditEvent.Outcome.SUCCESS).target("OPERATOR", a.id), a.id.toString());
    }

    private static Outcome failure(String reason, OperatorAccount a) {
        return new Outcome(null, AuditEvent.of("OPERATOR_LOGIN", AuditEvent.Outcome.FAILURE)
                .target("OPERATOR", a == null ? null : a.id).detail("reason", reason), a == null ? null : a.id.toString());
    }

    static Duration lockoutFor(int failures) {
        int doublings = Math.min(failures - FREE_ATTEMPTS, 10);
        Duration lock = FIRST_LOCKOUT.multipliedBy(1L << Math.max(0, doublings));
        return lock.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lock;
    }

    private String decoy() {
        if (decoyHash == null) {
            decoyHash = hasher.hash("decoy-password-never-valid");
        }
        return decoyHash;
    }
}
