package org.careid.device.cli;

import org.careid.device.AuthenticationRequest;
import org.careid.device.CareIdException;
import org.careid.device.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

@Command(name = "authenticate", mixinStandardHelpOptions = true,
        description = {
                "Authenticates the clinician at this device with a face image, a fingerprint image and/or a PIN, "
                        + "and saves the device-bound token in an owner-only file next to the key store until it expires.",
                "The PIN is read from the terminal without echo (or one line of standard input), never from an argument."})
final class AuthenticateCommand extends DeviceCommand {

    @Option(names = "--face", paramLabel = "IMAGE", description = "A face image (JPEG or PNG).")
    Path face;

    @Option(names = "--fingerprint", paramLabel = "IMAGE", description = "A fingerprint image (PNG, JPEG, BMP, TIFF).")
    Path fingerprint;

    @Option(names = "--finger", paramLabel = "N", description = "Which finger, 1-10 (ISO numbering: 1 right thumb ... 10 left little).")
    Integer finger;

    @Option(names = "--dpi", paramLabel = "D", description = "Scanner resolution of the fingerprint image (default 500).")
    Integer dpi;

    @Option(names = "--pin", description = "Ask for the PIN (needs --staff-id).")
    boolean pin;

    @Option(names = "--staff-id", paramLabel = "UUID", description = "The claimed staff member: 1:1 matching instead of 1:N; required with --pin.")
    String staffId;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "Requested scope(s), repeatable or space-separated, e.g. --scope 'patient/*.read device:unlock'.")
    List<String> scopes = List.of();

    @Option(names = "--print-token", description = "Also write the access token alone on standard output (the summary goes to standard error).")
    boolean printToken;

    @Override
    public Integer call() {
        if (face == null && fingerprint == null && !pin) {
            throw new CareIdException(Failure.BAD_INPUT, "Give --face IMAGE, --fingerprint IMAGE or --pin");
        }
        if (fingerprint == null && (finger != null || dpi != null)) {
            throw new CareIdException(Failure.BAD_INPUT, "--finger and --dpi go with --fingerprint");
        }
        if (pin && (staffId == null || staffId.isBlank())) {
            throw new CareIdException(Failure.BAD_INPUT, "--pin needs --staff-id");
        }
        DeviceContext context = context();

        AuthenticationRequest request = AuthenticationRequest.forScopes(scopes(scopes));
        try {
            if (face != null) {
                request.face(AuthenticationRequest.Image.of(Images.read(face), face));
            }
            if (fingerprint != null) {
                request.fingerprint(AuthenticationRequest.Image.of(Images.read(fingerprint), fingerprint), finger,
                        dpi == null ? AuthenticationRequest.DEFAULT_DPI : dpi);
            }
        } catch (IllegalArgumentException e) {
            throw new CareIdException(Failure.BAD_INPUT, e.getMessage(), e);
        }
        if (staffId != null && !staffId.isBlank()) {
            request.staffId(staffId.trim());
        }
        if (pin) {
            char[] entered = PinReader.read(context.stdin());
            request.pin(entered);
            Arrays.fill(entered, '\0');
        }

        return deliverToken(context, () -> context.client().authenticate(request), printToken);
    }
}
