package org.careid.device.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "read-patient", mixinStandardHelpOptions = true,
        description = "Reads a (synthetic) patient record from GET /demo/patients/{ID} with the saved token and a proof of possession; prints the JSON.")
final class ReadPatientCommand implements Callable<Integer> {
    @ParentCommand
    DeviceCli parent;
    @Spec
    CommandSpec spec;
    @Mixin
    TokenFileOption tokenFile;

    @Parameters(paramLabel = "ID", description = "The patient's id.")
    String patientId;

    @Override
    public Integer call() {
        DeviceContext context = parent.context(spec);
        String token = context.savedToken(tokenFile.path()).token().orElseThrow();
        String record = ResourceCalls.present(context, token, () -> context.resources().readPatient(patientId, token));
        context.out().println(record);
        return ExitCodes.OK;
    }
}
