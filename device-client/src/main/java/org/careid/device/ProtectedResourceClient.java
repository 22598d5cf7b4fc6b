package org.careid.device;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * Presents the access token to a protected resource the way CareID requires: always
 * {@code Authorization: DPoP <token>} together with {@code DPoP: <proof>}, a fresh proof signed by
 * the device key for exactly this method and URL. Covers the demo resources served by the server.
 */
public final class ProtectedResourceClient {
    private final URI server;
    private final DpopProofs proofs;
    private final Transport transport;

    public ProtectedResourceClient(URI server, DpopProofs proofs, HttpClient http, Clock clock) {
        String base = Objects.requireNonNull(server, "server").toString();
        this.server = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.proofs = Objects.requireNonNull(proofs, "proofs");
        this.transport = new Transport(http, clock);
    }

    /** {@code GET /demo/patients/{id}}: a synthetic patient record (FHIR Patient-like JSON); needs patient/*.read. */
    public String readPatient(String patientId, String accessToken) {
        return send("GET", "/demo/patients/" + segment(patientId), accessToken, "Reading the patient record");
    }

    /** {@code POST /demo/devices/{id}/unlock}: needs device:unlock bound to that device; a token unlocks once. */
    public String unlock(String deviceId, String accessToken) {
        return send("POST", "/demo/devices/" + segment(deviceId) + "/unlock", accessToken, "Unlocking the device");
    }

    /** Any other protected resource of the server: returns the body of a 2xx answer. */
    public String send(String method, String path, String accessToken, String action) {
        URI uri = URI.create(server + path);
        HttpRequest request = Transport.request(uri)
                .header("Authorization", "DPoP " + accessToken)
                .header("DPoP", proofs.create(method, uri, accessToken))
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return transport.send(request, Endpoint.RESOURCE, action);
    }

    private static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new CareIdException(Failure.BAD_INPUT, "An id is required");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
