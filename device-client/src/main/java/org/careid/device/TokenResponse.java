package org.careid.device;

import java.util.List;

/**
 * A successful authentication: the access token and what the server says about it.
 * {@link #toString()} leaves the token out so it cannot end up in a log by accident.
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String scope, List<String> amr, String acr) {

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope
                + ", amr=" + amr + ", acr=" + acr + "]";
    }
}
