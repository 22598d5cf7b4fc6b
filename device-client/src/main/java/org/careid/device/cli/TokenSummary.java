package org.careid.device.cli;

import org.careid.device.TokenHolder;
import org.careid.device.TokenResponse;

import java.util.stream.Collectors;

/**
 * What the CLI says about a new token: whom it greets, what the token allows, which requested scopes
 * were refused and why. On standard output, or on standard error when the token itself goes there.
 */
final class TokenSummary {
    private TokenSummary() {
    }

    static void print(TokenResponse response, TokenHolder holder, DeviceContext context, boolean printToken) {
        StringBuilder summary = new StringBuilder("Authenticated");
        if (response.clinician() != null && response.clinician().displayName() != null) {
            summary.append(": ").append(response.clinician().displayName());
            if (response.clinician().role() != null && !response.clinician().role().isBlank()) {
                summary.append(" (").append(response.clinician().role()).append(')');
            }
        }
        summary.append(System.lineSeparator()).append("scope=").append(response.scope()).append(", amr=").append(response.amr())
                .append(", acr=").append(response.acr()).append(", expires ")
                .append(holder.expiresAt().map(Object::toString).orElse("now"));
        if (!response.refusedScopes().isEmpty()) {
            summary.append(System.lineSeparator()).append("Refused scopes: ").append(response.refusedScopes().stream()
                    .map(r -> r.scope() + " (" + r.reason() + ")").collect(Collectors.joining(", ")));
        }
        if (printToken) {
            context.err().println(summary);
            context.out().println(holder.token().orElseThrow());
        } else {
            context.out().println(summary);
        }
    }
}
