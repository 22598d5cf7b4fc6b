package org.careid.device.cli;

import org.careid.device.AuthenticationRequest;
import org.careid.device.CareIdException;
import org.careid.device.FaceCheck;
import org.careid.device.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "face-check", mixinStandardHelpOptions = true,
        description = {
                "Live guidance for one camera frame (POST /api/v1/faces/check): how many faces the server sees, "
                        + "whether the face is good enough to authenticate with, and what to fix (NO_FACE, MULTIPLE_FACES, "
                        + "TOO_DARK, MASKED...).",
                "Compares the frame with nobody and counts towards no lockout. Exits 0 when the frame is good enough, "
                        + "14 when it is not."})
final class FaceCheckCommand extends DeviceCommand {
    @Parameters(paramLabel = "IMAGE", description = "A camera frame (JPEG or PNG).")
    Path image;

    @Override
    public Integer call() {
        DeviceContext context = context();
        byte[] bytes = Images.read(image);
        FaceCheck check;
        try {
            check = context.client().checkFace(AuthenticationRequest.Image.of(bytes, image));
        } catch (IllegalArgumentException e) {
            throw new CareIdException(Failure.BAD_INPUT, e.getMessage(), e);
        }
        context.out().println("faces=" + check.faceCount() + ", acceptable=" + check.acceptable()
                + ", score=" + check.score() + ", reasons=" + String.join(",", check.reasons()));
        return check.acceptable() ? ExitCodes.OK : ExitCodes.CAPTURE_REJECTED;
    }
}
