package org.careid.device.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Unlocks this device through POST /demo/devices/{device id}/unlock with the saved token "
                + "(scope device:unlock, bound to this device); a token unlocks once.")
final class UnlockCommand implements Callable<Integer> {
    @ParentCommand
    DeviceCli parent;
    @Spec
    CommandSpec spec;
    @Mixin
    TokenFileOption tokenFile;

    @Override
    public Integer call() {
        DeviceContext context = parent.context(spec);
        String token = context.savedToken(tokenFile.path()).token().orElseThrow();
        String deviceId = context.deviceId();
        String answer = ResourceCalls.present(context, token, () -> context.resources().unlock(deviceId, token));
        context.out().println(answer == null || answer.isBlank() ? "Unlocked device " + deviceId : answer);
        return ExitCodes.OK;
    }
}
