package org.careid.device.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;


@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Unlocks this device through POST /demo/devices/{device id}/unlock with the saved token "
                + "(scope device:unlock, bound to this device); a token unlocks once.")
final class UnlockCommand extends DeviceCommand {
    @Mixin
    TokenFileOption tokenFile;

    @Override
    public Integer call() {
        DeviceContext context = context();
        String token = tokenFile.token(context);
        String deviceId = context.deviceId();
        String answer = ResourceCalls.present(context, token, () -> context.resources().unlock(deviceId, token));
        context.out().println(answer == null || answer.isBlank() ? "Unlocked device " + deviceId : answer);
        return ExitCodes.OK;
    }
}
