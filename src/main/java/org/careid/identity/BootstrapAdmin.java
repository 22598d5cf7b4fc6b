package org.careid.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * On the very first start (no operator yet) creates the bootstrap ADMIN. Its password comes from
 * {@code careid.bootstrap.admin-password} or is generated; either way it must be changed before
 * the account can do anything else. A generated password is never printed (standard output is the
 * log stream in Kubernetes): it is written once to an owner-only file under the data directory,
 * whose path alone is logged, and that file is deleted when the password is first changed. Only
 * the Argon2id hash is stored.
 */
@ApplicationScoped
public class BootstrapAdmin {
    static final String PASSWORD_FILE = "bootstrap-admin-password";
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    private final OperatorService operators;
    private final AuditTrail audit;
    private final String username;
    private final Optional<String> configuredPassword;
    private final Path passwordFile;

    @Inject
    BootstrapAdmin(OperatorService operators, AuditTrail audit,
                   @ConfigProperty(name = "careid.bootstrap.admin-username", defaultValue = "admin") String username,
                   @ConfigProperty(name = "careid.bootstrap.admin-password") Optional<String> configuredPassword,
                   @ConfigProperty(name = "careid.data-dir", defaultValue = "./data") String dataDir) {
        this.operators = operators;
        this.audit = audit;
        this.username = username;
        this.configuredPassword = configuredPassword;
        this.passwordFile = Path.of(dataDir).resolve(PASSWORD_FILE);
    }

    void onStart(@Observes StartupEvent event) {
        String generated = QuarkusTransaction.requiringNew().call(this::createIfFirstStart);
        if (generated != null) {
            writeOwnerOnly(generated);
            LOG.warnf("CareID first start: the one-time password of the bootstrap administrator '%s' is in %s "
                    + "(readable by this user only). Log in, change it (PUT /api/v1/operators/me/password); "
                    + "the file is deleted then.", username, passwordFile.toAbsolutePath());
        }
    }

    /** The first change of the bootstrap password removes the file that held the generated one. */
    void onPasswordChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) OperatorService.OwnPasswordChanged changed) {
        if (username.equals(changed.username())) {
            try {
                if (Files.deleteIfExists(passwordFile)) {
                    LOG.infof("Bootstrap password changed: deleted %s", passwordFile.toAbsolutePath());
                }
            } catch (IOException e) {
                LOG.errorf("Could not delete %s: delete it by hand", passwordFile.toAbsolutePath());
            }
        }
    }

    Path passwordFile() {
        return passwordFile;
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
        // A configured password sits in a secret or an environment variable that others may read:
        // it is as one-time as a generated one.
        OperatorAccount admin = operators.newAccount(username, Roles.OperatorRole.ADMIN, password, true);
        audit.record(AuditEvent.of("BOOTSTRAP_ADMIN_CREATED", AuditEvent.Outcome.SUCCESS).target("OPERATOR", admin.id)
                .detail("passwordSource", given.isPresent() ? "configuration" : "generated"));
        return given.isPresent() ? null : password;
    }

    private void writeOwnerOnly(String password) {
        try {
            Files.createDirectories(passwordFile.getParent());
            Files.deleteIfExists(passwordFile);
            try {
                Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(passwordFile);
            }
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("could not create " + passwordFile, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the bootstrap password to " + passwordFile, e);
        }
    }
}
