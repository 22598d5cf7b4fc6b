package org.careid.device.cli;

import com.nimbusds.jwt.JWTClaimsSet;
import org.careid.device.CareIdException;
import org.careid.device.DeviceKeyStore;
import org.careid.device.Failure;
import org.careid.device.Introspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
                "Verifies an access token offline against the cached JWKS (refreshed on an unknown key id, at most every 30 s): "
                        + "ES256 only, typ at+jwt, signature, issuer, this device among the audiences, expiry and the binding "
                        + "to this device's key (cnf.jkt).",
                "With --online it also asks the server's introspection whether the token is still active (not revoked)."})
final class VerifyCommand extends DeviceCommand {
    @Mixin
    TokenFileOption tokenFile;

    @Parameters(paramLabel = "TOKEN", arity = "0..1",
            description = "The access token, or - to read it from standard input (keeps it out of process lists). "
                    + "Default: the saved token.")
    String token;

    @Option(names = "--online", description = "Also check through the server's introspection (revocation, suspended staff or device).")
    boolean online;

    @Override
    public Integer call() {
        DeviceContext context = context();
        String presented = presentedToken(context);
        URI server = context.optionalServer().or(context::cachedServer).orElseThrow(() ->
                new CareIdException(Failure.BAD_INPUT, "No server known for the JWKS: give --server URL"));
        String issuer = context.issuer(server);
        String jkt = DeviceKeyStore.thumbprint(context.deviceKey());
        // The token must name this device among its audiences and be bound to its key.
        JWTClaimsSet claims = context.jwksCache(server).verify(presented, issuer, context.deviceId(), jkt);
        context.out().println("Valid offline: sub=" + claims.getSubject() + ", device_id=" + claims.getClaim("device_id")
                + ", scope=" + claims.getClaim("scope") + ", expires " + claims.getExpirationTime().toInstant());
        if (online) {
            Introspection introspection = context.client().introspect(presented);
            if (!introspection.active()) {
                throw new CareIdException(Failure.TOKEN_REVOKED,
                        "The server says the token is no longer active (revoked, or its staff member or device was suspended)");
            }
            context.out().println("Active at the server: scope=" + introspection.scope().orElse(""));
        }
        return ExitCodes.OK;
    }

    private String presentedToken(DeviceContext context) {
        if (token == null) {
            return tokenFile.token(context);
        }
        if (!token.equals("-")) {
            return token.trim();
        }
        try {
            String read = new String(context.stdin().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (read.isEmpty()) {
                throw new CareIdException(Failure.BAD_INPUT, "No token on standard input");
            }
            return read;
        } catch (IOException e) {
            throw new CareIdException(Failure.BAD_INPUT, "Cannot read the token from standard input", e);
        }
    }
}
