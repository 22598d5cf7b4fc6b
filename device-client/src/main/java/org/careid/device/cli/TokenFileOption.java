package org.careid.device.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which saved token a command uses: the CLI's own (next to the key store) unless another file is named. */
final class TokenFileOption {
    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Use the token in this owner-only file (JSON as saved by authenticate, or the bare JWT) "
                    + "instead of the token saved next to the key store.")
    java.nio.file.Path tokenFile;

    Path path() {
        return tokenFile;
    }

    /** The token from the chosen file; fails with TOKEN_EXPIRED when it is missing or expired. */
    String token(DeviceContext context) {
        return context.savedToken(tokenFile).token().orElseThrow();
    }
}
