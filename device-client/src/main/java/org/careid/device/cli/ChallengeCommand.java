package org.careid.device.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.careid.device.AuthenticationRequest;
import org.careid.device.CareIdException;
import org.careid.device.FaceChallenge;
import org.careid.device.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The active face challenge from recorded frames: asks the server for a challenge, prints its
 * prompt, takes the burst for the requested turn (--frames, or --frames-left / --frames-right when
 * the recordings differ by direction) and sends it with the nonce before the deadline.
 */
@Command(name = "authenticate-challenge", mixinStandardHelpOptions = true,
        description = {
                "Authenticates the clinician with the active face challenge (a head turn), for scopes whose policy needs it: "
                        + "asks for a challenge, then sends a burst of frames (about 2 s at 10-15 fps) read from a folder of "
                        + "images, an .mjpeg or a .y4m video, and saves the device-bound token like 'authenticate'.",
                "The PIN, if asked for, is read from the terminal without echo (or one line of standard input)."})
final class ChallengeCommand extends DeviceCommand {

    @Option(names = "--frames", paramLabel = "SOURCE", description = "The burst for any instruction: a folder of frames, an .mjpeg or a .y4m file.")
    Path frames;

    @Option(names = "--frames-left", paramLabel = "SOURCE", description = "The burst to send when asked to turn left.")
    Path framesLeft;

    @Option(names = "--frames-right", paramLabel = "SOURCE", description = "The burst to send when asked to turn right.")
    Path framesRight;

    @Option(names = "--from", paramLabel = "N", description = "First frame of a video file to send (default 0); a folder is sent whole.")
    int from;

    @Option(names = "--count", paramLabel = "N", description = "Frames of a video file to send (default: all, at most the server's maximum).")
    int count;

    @Option(names = "--mirrored", description = "The frames are mirrored (selfie view).")
    boolean mirrored;

    @Option(names = "--pin", description = "Also ask for the PIN (needs --staff-id).")
    boolean pin;

    @Option(names = "--staff-id", paramLabel = "UUID", description = "The claimed staff member (1:1); required with --pin.")
    String staffId;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "Requested scope(s), repeatable or space-separated.")
    List<String> scopes = List.of();

    @Option(names = "--print-token", description = "Also write the access token alone on standard output (the summary goes to standard error).")
    boolean printToken;

    @Override
    public Integer call() {
        if (frames == null && framesLeft == null && framesRight == null) {
            throw new CareIdException(Failure.BAD_INPUT, "Give --frames SOURCE (or --frames-left and --frames-right)");
        }
        if (pin && (staffId == null || staffId.isBlank())) {
            throw new CareIdException(Failure.BAD_INPUT, "--pin needs --staff-id");
        }
        DeviceContext context = context();
        AuthenticationRequest request = AuthenticationRequest.forScopes(scopes(scopes));
        if (staffId != null && !staffId.isBlank()) {
            request.staffId(staffId.trim());
        }
        if (pin) {
            char[] entered = PinReader.read(context.stdin());
            request.pin(entered);
            Arrays.fill(entered, '\0');
        }

        return deliverToken(context, () -> {
            FaceChallenge challenge = context.client().requestFaceChallenge();
            context.err().println("Challenge: " + challenge.prompt() + " (deadline " + challenge.deadlineMs() + " ms)");
            Path source = sourceFor(challenge.instruction());
            int max = challenge.maxFrames() > 0 ? challenge.maxFrames() : 45;
            List<AuthenticationRequest.Image> burst = java.nio.file.Files.isDirectory(source) ? BurstFrames.read(source, 0, max)
                    : BurstFrames.read(source, from, count <= 0 ? max : Math.min(count, max));
            return context.client().answerFaceChallenge(challenge, burst, request, mirrored);
        }, printToken);
    }

    private Path sourceFor(List<String> instruction) {
        Path specific = switch (instruction.get(0)) {
            case "left" -> framesLeft;
            case "right" -> framesRight;
            default -> null;
        };
        if (specific == null) {
            specific = frames;
        }
        if (specific == null) {
            throw new CareIdException(Failure.BAD_INPUT, "No frames for the instruction " + instruction
                    + ": give --frames or --frames-" + instruction.get(0));
        }
        return specific;
    }
}
