package org.careid.device.cli;

import org.careid.device.CareIdException;
import org.careid.device.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;


@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revokes the saved token at the server (the clinician is done) and deletes it from the device.")
final class RevokeCommand extends DeviceCommand {
    @Mixin
    TokenFileOption tokenFile;

    @Override
    public Integer call() {
        DeviceContext context = context();
        String token;
        try {
            token = tokenFile.token(context);
        } catch (CareIdException e) {
            if (e.failure() == Failure.TOKEN_EXPIRED) {
                context.out().println("No valid token to revoke");
                return ExitCodes.OK;
            }
            throw e;
        }
        context.client().revoke(token);
        if (tokenFile.path() == null) {
            TokenFile.delete(context.tokenFile());
        }
        context.out().println("Token revoked");
        return ExitCodes.OK;
    }
}
