package org.careid.device.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.careid.device.CareIdException;
import org.careid.device.Failure;
import org.careid.device.TokenHolder;
import org.careid.device.TokenResponse;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command shares: the global options of {@link DeviceCli}, turned into a {@link DeviceContext}. */
abstract class DeviceCommand implements Callable<Integer> {
    @ParentCommand
    DeviceCli parent;
    @Spec
    CommandSpec spec;

    DeviceContext context() {
        return parent.context(spec);
    }

    /** The --scope values, each possibly space-separated, as one list. */
    static List<String> scopes(List<String> options) {
        return options.stream().flatMap(s -> Arrays.stream(s.trim().split("\\s+"))).filter(s -> !s.isBlank()).toList();
    }

    /**
     * Asks the server for a token and keeps it for the commands that follow: saved in the owner-only
     * token file and summarised. Once the server has answered, whoever stands at the device now, the
     * previous clinician's token is gone; without an answer (server unreachable) a valid token stays,
     * since nobody else was authenticated.
     */
    static Integer deliverToken(DeviceContext context, Supplier<TokenResponse> request, boolean printToken) {
        TokenResponse response;
        try {
            response = request.get();
        } catch (CareIdException e) {
            if (e.failure() != Failure.SERVER_UNREACHABLE) {
                TokenFile.delete(context.tokenFile());
            }
            throw e;
        }
        TokenHolder holder = new TokenHolder(context.clock());
        holder.hold(response);
        try {
            TokenFile.save(context.tokenFile(), holder);
        } catch (IOException e) {
            TokenFile.delete(context.tokenFile());
            throw new CareIdException(Failure.BAD_INPUT, "Cannot save the token in " + context.tokenFile() + ": " + e.getMessage(), e);
        }
        TokenSummary.print(response, holder, context, printToken);
        return ExitCodes.OK;
    }
}
