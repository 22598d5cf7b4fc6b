package org.careid.device.cli;

import java.nio.file.Path;

import org.careid.device.AuthenticationRequest;
import org.careid.device.BedsideSessions;
import org.careid.device.CareIdException;
import org.careid.device.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "session", mixinStandardHelpOptions = true,
        description = {
                "A bedside session for the saved token: 'start' prints the session id; 'heartbeat --session ID' says "
                        + "\"still here\" (with --frame FILE the server looks for the clinician in a camera frame); "
                        + "'end --session ID' ends it. The server revokes the token when the session ends.",
                "A heartbeat on an ended session exits with the revoked-token code: lock and authenticate again."})
final class SessionCommand extends DeviceCommand {
    enum Action { start, heartbeat, end }

    @Parameters(index = "0", paramLabel = "ACTION", description = "start, heartbeat or end")
    Action action;
    @Option(names = "--session", paramLabel = "ID", description = "The session id 'start' printed (heartbeat, end).")
    String sessionId;
    @Option(names = "--frame", paramLabel = "FILE", description = "A camera frame (JPEG or PNG) for the heartbeat.")
    Path frame;
    @Mixin
    TokenFileOption tokenFile;

    @Override
    public Integer call() {
        DeviceContext context = context();
        BedsideSessions sessions = context.client().sessions();
        if (action == Action.start) {
            BedsideSessions.Session started = sessions.start(tokenFile.token(context));
            context.out().println("session=" + started.id() + ", idleExpiresAt=" + started.idleExpiresAt());
            return ExitCodes.OK;
        }
        if (sessionId == null) {
            throw new CareIdException(Failure.BAD_INPUT, "--session ID is required for " + action);
        }
        try {
            if (action == Action.end) {
                sessions.end(sessionId);
                context.out().println("Session ended");
                return ExitCodes.OK;
            }
            BedsideSessions.Session beat = frame == null ? sessions.heartbeat(sessionId)
                    : sessions.heartbeat(sessionId, AuthenticationRequest.Image.of(Images.read(frame), frame));
            context.out().println("open=" + beat.open() + (beat.seen() == null ? "" : ", seen=" + beat.seen())
                    + (beat.endReason() == null ? "" : ", endReason=" + beat.endReason()));
            return beat.open() ? ExitCodes.OK : ExitCodes.of(Failure.TOKEN_REVOKED);
        } catch (IllegalArgumentException e) {
            throw new CareIdException(Failure.BAD_INPUT, e.getMessage(), e);
        }
    }
}
