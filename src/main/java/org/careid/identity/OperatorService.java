package org.careid.identity;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.careid.audit.AuditEvent;
import org.careid.crypto.PasswordHasher;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;

import io.quarkus.panache.common.Sort;

/** Operator accounts (admins, enrollers, auditors): creation, passwords, deactivation. */
@ApplicationScoped
public class OperatorService {
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!";

    public record OperatorRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9._-]+", message = "may contain lower-case letters, digits, '.', '_' and '-' only") String username,
            @NotNull Roles.OperatorRole role,
            @Size(min = MIN_PASSWORD_LENGTH, max = 200) String password) {}

    public record OperatorView(UUID id, String username, Roles.OperatorRole role, boolean active, boolean locked,
                               boolean mustChangePassword, Instant createdAt, Instant lastLoginAt) {
        static OperatorView of(OperatorAccount a) {
            return new OperatorView(a.id, a.username, a.role, a.active,
                    a.lockedUntil != null && a.lockedUntil.isAfter(Instant.now()), a.mustChangePassword, a.createdAt, a.lastLoginAt);
        }
    }

    /** The created account, and the generated password when none was given (shown once). */
    public record Created(OperatorView operator, String initialPassword) {}

    public record RoleChange(@NotNull Roles.OperatorRole role) {}

    /** Fired inside the transaction when an operator changed their own password. */
    public record OwnPasswordChanged(UUID operatorId, String username) {}

    public record PasswordChange(@NotBlank String currentPassword,
                                 @NotBlank @Size(min = MIN_PASSWORD_LENGTH, max = 200) String newPassword) {}

    private final PasswordHasher hasher;
    private final Caller caller;
    private final jakarta.enterprise.event.Event<OwnPasswordChanged> passwordChanged;

    @Inject
    OperatorService(PasswordHasher hasher, Caller caller, jakarta.enterprise.event.Event<OwnPasswordChanged> passwordChanged) {
        this.hasher = hasher;
        this.caller = caller;
        this.passwordChanged = passwordChanged;
    }

    private final SecureRandom random = new SecureRandom();

    @Transactional
    public Created create(OperatorRequest request) {
        if (OperatorAccount.findByUsername(request.username()) != null) {
            throw ApiException.conflict("Operator " + request.username() + " already exists");
        }
        String password = request.password() != null ? request.password() : generatePassword();
        OperatorAccount a = newAccount(request.username(), request.role(), password, request.password() == null);
        caller.audit(AuditEvent.of("OPERATOR_CREATED", AuditEvent.Outcome.SUCCESS).target("OPERATOR", a.id)
                .detail("username", a.username).detail("role", a.role.name()));
        return new Created(OperatorView.of(a), request.password() == null ? password : null);
    }

    OperatorAccount newAccount(String username, Roles.OperatorRole role, String password, boolean mustChange) {
        OperatorAccount a = new OperatorAccount();
        a.id = UUID.randomUUID();
        a.username = username;
        a.role = role;
        a.passwordHash = hasher.hash(password);
        a.active = true;
        a.mustChangePassword = mustChange;
        a.createdAt = Instant.now();
        a.persist();
        return a;
    }

    @Transactional
    public OperatorView setActive(UUID id, boolean active) {
        OperatorAccount a = require(id);
        if (!active && a.id.toString().equals(caller.id())) {
            throw ApiException.conflict("An operator cannot deactivate their own account");
        }
        if (!active) {
            a.endSessions();
        }
        a.active = active;
        caller.audit(AuditEvent.of(active ? "OPERATOR_ACTIVATED" : "OPERATOR_DEACTIVATED", AuditEvent.Outcome.SUCCESS)
                .target("OPERATOR", a.id));
        return OperatorView.of(a);
    }

    @Transactional
    public OperatorView unlock(UUID id) {
        OperatorAccount a = require(id);
        a.failedAttempts = 0;
        a.lockedUntil = null;
        caller.audit(AuditEvent.of("OPERATOR_UNLOCKED", AuditEvent.Outcome.SUCCESS).target("OPERATOR", a.id));
        return OperatorView.of(a);
    }

    @Transactional
    public void changeOwnPassword(PasswordChange change) {
        OperatorAccount a = require(caller.uuid());
        if (!hasher.verify(change.currentPassword(), a.passwordHash)) {
            caller.audit(AuditEvent.of("OPERATOR_PASSWORD_CHANGE", AuditEvent.Outcome.FAILURE).target("OPERATOR", a.id));
            throw new ApiException(ProblemType.PASSWORD_NOT_CHANGED, "The current password is not correct");
        }
        if (change.newPassword().equals(change.currentPassword())) {
            throw new ApiException(ProblemType.PASSWORD_NOT_CHANGED, "The new password must differ from the current one");
        }
        a.passwordHash = hasher.hash(change.newPassword());
        a.mustChangePassword = false;
        a.endSessions();
        caller.audit(AuditEvent.of("OPERATOR_PASSWORD_CHANGE", AuditEvent.Outcome.SUCCESS).target("OPERATOR", a.id));
        passwordChanged.fire(new OwnPasswordChanged(a.id, a.username));
    }

    /** Ends every session of the calling operator (this token included). */
    @Transactional
    public void logOutSelf() {
        OperatorAccount a = require(caller.uuid());
        a.endSessions();
        caller.audit(AuditEvent.of("OPERATOR_LOGOUT", AuditEvent.Outcome.SUCCESS).target("OPERATOR", a.id));
    }

    /** An ADMIN ends every session of another operator, everywhere. */
    @Transactional
    public OperatorView logOutEverywhere(UUID id) {
        OperatorAccount a = require(id);
        a.endSessions();
        caller.audit(AuditEvent.of("OPERATOR_LOGOUT", AuditEvent.Outcome.SUCCESS).target("OPERATOR", a.id)
                .detail("everywhere", true));
        return OperatorView.of(a);
    }

    /** A new role takes effect at the next login: every session of the old role ends now. */
    @Transactional
    public OperatorView changeRole(UUID id, Roles.OperatorRole role) {
        OperatorAccount a = require(id);
        if (a.id.equals(caller.uuid())) {
            throw ApiException.conflict("An operator cannot change their own role");
        }
        if (a.role != role) {
            Roles.OperatorRole before = a.role;
            a.role = role;
            a.endSessions();
            caller.audit(AuditEvent.of("OPERATOR_ROLE_CHANGED", AuditEvent.Outcome.SUCCESS).target("OPERATOR", a.id)
                    .detail("from", before.name()).detail("to", role.name()));
        }
        return OperatorView.of(a);
    }

    /**
     * An ADMIN resets a forgotten password to a generated one, shown once: it must be changed at
     * the next login, and every session of the account ends now.
     */
    @Transactional
    public Created resetPassword(UUID id) {
        OperatorAccount a = require(id);
        if (a.id.equals(caller.uuid())) {
            throw ApiException.conflict("Change your own password with PUT /api/v1/operators/me/password");
        }
        String password = generatePassword();
        a.passwordHash = hasher.hash(password);
        a.mustChangePassword = true;
        a.failedAttempts = 0;
        a.lockedUntil = null;
        a.endSessions();
        caller.audit(AuditEvent.of("OPERATOR_PASSWORD_RESET", AuditEvent.Outcome.SUCCESS).target("OPERATOR", a.id));
        return new Created(OperatorView.of(a), password);
    }

    @Transactional
    public PageOf<OperatorView> list(int page, int size) {
        return PageOf.of(OperatorAccount.findAll(Sort.by("username")), page, size, OperatorView::of);
    }

    @Transactional
    public OperatorView get(UUID id) {
        return OperatorView.of(require(id));
    }

    private OperatorAccount require(UUID id) {
        OperatorAccount a = id == null ? null : OperatorAccount.findById(id);
        if (a == null) {
            throw ApiException.notFound("Operator " + id);
        }
        return a;
    }

    String generatePassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }
}
