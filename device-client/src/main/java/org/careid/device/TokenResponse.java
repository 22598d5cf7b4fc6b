package org.careid.device;

import java.util.List;

/**
 * A successful authentication: the access token and what the server says about it, including who
 * was authenticated ({@code clinician}, to greet them) and each requested scope the token does not
 * carry ({@code refusedScopes}, with the reason). {@link #toString()} leaves the token out so it
 * cannot end up in a log by accident.
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String scope, List<String> amr, String acr,
                            Clinician clinician, List<RefusedScope> refusedScopes) {

    public TokenResponse(String accessToken, String tokenType, long expiresIn, String scope, List<String> amr, String acr) {
        this(accessToken, tokenType, expiresIn, scope, amr, acr, null, List.of());
    }

    /** The authenticated person as the server names them: display name and clinical role (either may be null). */
    public record Clinician(String displayName, String role) {
    }

    /**
     * A requested scope left out of the token: {@code reason} is {@code NOT_PERMITTED} (the person does
     * not hold it) or {@code SECOND_FACTOR_REQUIRED} (it needs another factor at this device).
     */
    public record RefusedScope(String scope, String reason) {
    }

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope
                + ", amr=" + amr + ", acr=" + acr + ", clinician=" + clinician + ", refusedScopes=" + refusedScopes + "]";
    }
}
