package org.careid.device.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;


@Command(name = "read-patient", mixinStandardHelpOptions = true,
        description = "Reads a (synthetic) patient record from GET /demo/patients/{ID} with the saved token and a proof of possession; prints the JSON.")
final class ReadPatientCommand extends DeviceCommand {
    @Mixin
    TokenFileOption tokenFile;

    @Parameters(paramLabel = "ID", description = "The patient's id.")
    String patientId;

    @Override
    public Integer call() {
        DeviceContext context = context();
        String token = tokenFile.token(context);
        String record = ResourceCalls.present(context, token, () -> context.resources().readPatient(patientId, token));
        context.out().println(record);
        return ExitCodes.OK;
    }
}
