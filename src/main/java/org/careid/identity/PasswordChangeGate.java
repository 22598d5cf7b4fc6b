package org.careid.identity;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An operator with a generated or reset password (and the bootstrap administrator until its first
 * change) may only change that password or log out: every other call answers 403
 * {@code password-change-required}.
 */
public class PasswordChangeGate {
    private final Caller caller;

    @Inject
    PasswordChangeGate(Caller caller) {
        this.caller = caller;
    }

    @ServerRequestFilter
    public Optional<Response> refuseUntilChanged(ResourceInfo resource) {
        if (!caller.mustChangePassword() || resource.getResourceMethod() == null
                || resource.getResourceMethod().isAnnotationPresent(PasswordChangeExempt.class)) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(ProblemType.PASSWORD_CHANGE_REQUIRED,
                "Change your password (PUT /api/v1/operators/me/password) before anything else").toResponse());
    }
}
