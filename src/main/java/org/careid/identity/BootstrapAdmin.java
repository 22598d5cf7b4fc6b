package org.careid.identity;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * On the very first start (no operator yet) creates the bootstrap ADMIN. Its password comes from
 * {@code careid.bootstrap.admin-password} or is generated and printed once to the console, never
 * to the log; a generated one must be changed at first login. Only its Argon2id hash is stored.
 */
@ApplicationScoped
public class BootstrapAdmin {
    @Inject
    OperatorService operators;
    @Inject
    AuditTrail audit;
    @ConfigProperty(name = "careid.bootstrap.admin-username", defaultValue = "admin")
    String username;
    @ConfigProperty(name = "careid.bootstrap.admin-password")
    Optional<String> configuredPassword;

    void onStart(@Observes StartupEvent event) {
        String printed = QuarkusTransaction.requiringNew().call(this::createIfFirstStart);
        if (printed != null) {
            System.out.println("""

                    ==========================================================================
                     CareID first start: one-time bootstrap administrator credential
                       username: %s
                       password: %s
                     Log in, then change it (PUT /api/v1/operators/me/password).
                     It is shown only this once and is stored only as an Argon2id hash.
                    ==========================================================================
                    """.formatted(username, printed));
        }
    }

    private String createIfFirstStart() {
        if (OperatorAccount.count() > 0) {
            return null;
        }
        Optional<String> given = configuredPassword.filter(p -> !p.isBlank());
        if (given.isPresent() && given.get().length() < OperatorService.MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("careid.bootstrap.admin-password must have at least "
                    + OperatorService.MIN_PASSWORD_LENGTH + " characters");
        }
        String password = given.orElseGet(operators::generatePassword);
        OperatorAccount admin = operators.newAccount(username, Roles.OperatorRole.ADMIN, password, given.isEmpty());
        audit.record(AuditEvent.of("BOOTSTRAP_ADMIN_CREATED", AuditEvent.Outcome.SUCCESS).target("OPERATOR", admin.id)
                .detail("passwordSource", given.isPresent() ? "configuration" : "generated"));
        return given.isPresent() ? null : password;
    }
}
