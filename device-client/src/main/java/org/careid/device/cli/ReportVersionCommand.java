package org.careid.device.cli;

import org.careid.device.CareIdException;
import org.careid.device.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;


@Command(name = "report-version", mixinStandardHelpOptions = true,
        description = "Reports the device's software version to the server, whose patch policy may refuse outdated devices.")
final class ReportVersionCommand extends DeviceCommand {

    @Parameters(paramLabel = "VERSION", description = "The software version, e.g. 2.4.1.")
    String version;

    @Override
    public Integer call() {
        if (version.isBlank() || version.length() > 64) {
            throw new CareIdException(Failure.BAD_INPUT, "VERSION must be 1-64 characters");
        }
        DeviceContext context = context();
        context.client().reportSoftwareVersion(version.trim());
        context.out().println("Reported software version " + version.trim());
        return ExitCodes.OK;
    }
}
