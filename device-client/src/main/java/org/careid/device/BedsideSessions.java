package org.careid.device;

import java.net.http.HttpRequest;
import java.util.Map;

/**
 * A device's bedside sessions (POST/DELETE /api/v1/sessions): after authenticating, start a session
 * for the token and send heartbeats (taps or camera frames); the server ends the session and revokes
 * the token when the clinician is idle, absent or replaced by someone else. A heartbeat on an ended
 * session fails with {@link Failure#TOKEN_REVOKED} (problem type {@code session-ended}).
 */
public final class BedsideSessions {
    /** A session as the server reports it; {@code seen} only after a frame, {@code endReason} once ended. */
    public record Session(String id, boolean open, String endReason, String seen, String idleExpiresAt) {
        static Session of(Map<String, Object> json) {
            return new Session(text(json.get("id")), Boolean.TRUE.equals(json.get("open")), text(json.get("endReason")),
                    text(json.get("seen")), text(json.get("idleExpiresAt")));
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }
    }

    private final CareIdClient client;
    private final Transport transport;

    BedsideSessions(CareIdClient client, Transport transport) {
        this.client = client;
        this.transport = transport;
    }

    /** Starts the session of this device's access token (the same token again gives the same session). */
    public Session start(String accessToken) {
        HttpRequest request = client.deviceRequest("/api/v1/sessions")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(CareIdClient.form(Map.of("token", accessToken)))
                .build();
        return Session.of(CareIdClient.json(transport.send(request, Endpoint.DEVICE, "Starting a session"), "Starting a session"));
    }

    /** "Still here": a tap on the device. */
    public Session heartbeat(String sessionId) {
        HttpRequest request = client.deviceRequest(path(sessionId) + "/heartbeat")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return Session.of(CareIdClient.json(transport.send(request, Endpoint.DEVICE, "Heartbeat"), "Heartbeat"));
    }

    /** A camera frame: the server looks for the session's clinician in it. */
    public Session heartbeat(String sessionId, AuthenticationRequest.Image frame) {
        MultipartBody body = new MultipartBody();
        CareIdClient.addImage(body, "frame", frame);
        HttpRequest request = client.deviceRequest(path(sessionId) + "/heartbeat")
                .header("Content-Type", body.contentType())
                .POST(body.publisher())
                .build();
        return Session.of(CareIdClient.json(transport.send(request, Endpoint.DEVICE, "Heartbeat"), "Heartbeat"));
    }

    /** Ends the session (logout, lock); the server revokes its token. */
    public void end(String sessionId) {
        HttpRequest request = client.deviceRequest(path(sessionId)).DELETE().build();
        transport.send(request, Endpoint.DEVICE, "Ending the session");
    }

    private static String path(String sessionId) {
        return "/api/v1/sessions/" + java.util.UUID.fromString(sessionId);
    }
}
