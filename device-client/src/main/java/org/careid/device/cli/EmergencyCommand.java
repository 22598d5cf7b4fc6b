package org.careid.device.cli;

import org.careid.device.CareIdException;
import org.careid.device.EmergencyRequest;
import org.careid.device.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;

@Command(name = "emergency", mixinStandardHelpOptions = true,
        description = {
                "Emergency (break-glass) access when face and fingerprint cannot be used: staff id, PIN and a reason. "
                        + "The server grants a short token for its emergency scope, alerts the security desk and "
                        + "opens a review of the access; it is rate-limited per person and per device (exit 5).",
                "The PIN is read from the terminal without echo (or one line of standard input), never from an argument. "
                        + "The token is saved like authenticate's."})
final class EmergencyCommand extends DeviceCommand {
    @Option(names = "--staff-id", required = true, paramLabel = "UUID", description = "The clinician's staff id.")
    String staffId;

    @Option(names = "--reason", required = true, paramLabel = "REASON",
            description = "Why the biometrics cannot be used: ${COMPLETION-CANDIDATES}.")
    Reason reason;

    @Option(names = "--text", paramLabel = "TEXT", description = "Free text for the review (required with OTHER, at most 500 characters).")
    String text;

    @Option(names = "--print-token", description = "Also write the access token alone on standard output (the summary goes to standard error).")
    boolean printToken;

    /** The reasons the server accepts (org.careid.auth.breakglass.BreakGlassReason). */
    enum Reason { LIFE_THREATENING_EMERGENCY, PROTECTIVE_EQUIPMENT, INJURY, DEVICE_MALFUNCTION, NOT_ENROLLED, OTHER }

    @Override
    public Integer call() {
        DeviceContext context = context();
        char[] pin = PinReader.read(context.stdin());
        EmergencyRequest request;
        try {
            request = new EmergencyRequest(staffId.trim(), pin, reason.name(), text);
        } catch (IllegalArgumentException e) {
            throw new CareIdException(Failure.BAD_INPUT, e.getMessage(), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
        EmergencyRequest emergency = request;
        return deliverToken(context, () -> context.client().emergency(emergency), printToken);
    }
}
