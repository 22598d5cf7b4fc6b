package org.careid.device;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The device's side of the CareID API (docs/ARCHITECTURE.md): provisioning, software version,
 * clinician authentication, introspection, revocation, JWKS and discovery. Every call after
 * provisioning carries a fresh client assertion signed with the device key.
 */
public final class CareIdClient {
    static final String JWKS_PATH = "/.well-known/jwks.json";
    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final URI server;
    private final ECKey deviceKey;
    private final String deviceId;
    private final ClientAssertions assertions;
    private final Transport transport;
    private volatile ServerMetadata metadata;
    private volatile String issuer;

    public CareIdClient(URI server, ECKey deviceKey, String deviceId) {
        this(server, deviceKey, deviceId, Transport.defaultHttpClient(), Clock.systemUTC());
    }

    public CareIdClient(URI server, ECKey deviceKey, String deviceId, HttpClient http, Clock clock) {
        this.server = withoutTrailingSlash(Objects.requireNonNull(server, "server"));
        this.deviceKey = Objects.requireNonNull(deviceKey, "deviceKey");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.assertions = new ClientAssertions(deviceKey, deviceId, clock);
        this.transport = new Transport(http, clock);
    }

    /** An HTTP client with the timeouts this library uses (5 s to connect, no redirects). */
    public static HttpClient defaultHttpClient() {
        return Transport.defaultHttpClient();
    }

    /**
     * Uses this issuer as the audience of client assertions instead of asking discovery for it
     * (saves a round trip when the device has it configured or cached).
     */
    public CareIdClient useIssuer(String issuer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        return this;
    }

    /** Redeems a one-time provisioning code with the device's public key; needs no other credential. */
    public ProvisionResult provision(String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deviceId", deviceId);
        body.put("code", code);
        body.put("jwk", DeviceKeyStore.publicPart(deviceKey).toJSONObject());
        HttpRequest request = Transport.request(resolve("/api/v1/devices/provision"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body)))
                .build();
        Map<String, Object> answer = json(transport.send(request, Endpoint.AUTHENTICATION, "Provisioning"), "Provisioning");
        ProvisionResult result = new ProvisionResult(string(answer, "deviceId"), string(answer, "jkt"));
        String expected = DeviceKeyStore.thumbprint(deviceKey);
        if (result.jkt() != null && !expected.equals(result.jkt())) {
            throw new CareIdException(Failure.SERVER_ERROR, "Provisioning: the server registered key thumbprint "
                    + result.jkt() + " but this device's key has " + expected);
        }
        return result;
    }

    /** Reports the device's software version, which the server's patch policy checks. */
    public void reportSoftwareVersion(String version) {
        String body = JSONObjectUtils.toJSONString(Map.of("softwareVersion", version));
        HttpRequest request = deviceRequest("/api/v1/devices/self/software-version")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        transport.send(request, Endpoint.DEVICE, "Reporting the software version");
    }

    /**
     * Authenticates a clinician. A face alone goes to {@code /auth/face}, a fingerprint alone to
     * {@code /auth/fingerprint}, anything else (a PIN, several factors) to {@code /auth}.
     * The PIN is wiped from the request afterwards.
     */
    public TokenResponse authenticate(AuthenticationRequest request) {
        request.validate();
        MultipartBody body = new MultipartBody();
        String path;
        byte[] pinBytes = null;
        try {
            if (request.pinChars() == null && request.fingerprint() == null) {
                path = "/api/v1/auth/face";
                addImage(body, "image", request.face());
            } else if (request.pinChars() == null && request.face() == null) {
                path = "/api/v1/auth/fingerprint";
                addImage(body, "image", request.fingerprint());
                addFingerprintDetails(body, request);
            } else {
                path = "/api/v1/auth";
                if (request.face() != null) {
                    addImage(body, "face", request.face());
                }
                if (request.fingerprint() != null) {
                    addImage(body, "fingerprint", request.fingerprint());
                    addFingerprintDetails(body, request);
                }
                if (request.pinChars() != null) {
                    pinBytes = utf8(request.pinChars());
                    body.secretField("pin", pinBytes);
                }
            }
            if (request.staffId() != null && !request.staffId().isBlank()) {
                body.field("staffId", request.staffId());
            }
            if (!request.scopes().isEmpty()) {
                body.field("scope", String.join(" ", request.scopes()));
            }
            HttpRequest http = deviceRequest(path)
                    .header("Content-Type", body.contentType())
                    .POST(body.publisher())
                    .build();
            return tokenResponse(json(transport.send(http, Endpoint.AUTHENTICATION, "Authentication"), "Authentication"));
        } finally {
            if (pinBytes != null) {
                java.util.Arrays.fill(pinBytes, (byte) 0);
            }
            request.wipe();
        }
    }

    /**
     * Emergency (break-glass) access with staff id and PIN: a short token for the emergency scope,
     * reviewed afterwards. Refusals: authentication-failed (wrong or locked PIN), emergency-access-disabled
     * at this device type, rate-limited (too many emergency accesses). The PIN is wiped afterwards.
     */
    public TokenResponse emergency(EmergencyRequest request) {
        byte[] body = null;
        try {
            body = emergencyBody(request);
            HttpRequest http = deviceRequest("/api/v1/auth/emergency")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return tokenResponse(json(transport.send(http, Endpoint.AUTHENTICATION, "Emergency access"), "Emergency access"));
        } finally {
            if (body != null) {
                java.util.Arrays.fill(body, (byte) 0);
            }
            request.wipe();
        }
    }

    /**
     * Live guidance for one camera frame: face count, whether it is good enough, and what to fix.
     * Compares the frame with nobody and counts towards no lockout.
     */
    public FaceCheck checkFace(AuthenticationRequest.Image frame) {
        MultipartBody body = new MultipartBody();
        addImage(body, "image", frame);
        body.field("purpose", "authentication");
        HttpRequest request = deviceRequest("/api/v1/faces/check")
                .header("Content-Type", body.contentType())
                .POST(body.publisher())
                .build();
        Map<String, Object> answer = json(transport.send(request, Endpoint.DEVICE, "Face check"), "Face check");
        Object count = answer.get("faceCount");
        Map<?, ?> quality = answer.get("quality") instanceof Map<?, ?> q ? q : Map.of();
        Object score = quality.get("score");
        List<String> reasons = quality.get("reasons") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
        return new FaceCheck(count instanceof Number n ? n.intValue() : 0, Boolean.TRUE.equals(quality.get("acceptable")),
                score instanceof Number s ? s.doubleValue() : 0, reasons);
    }

    /** Asks the server whether a token is active (RFC 7662); {@code active=false} for revoked, expired or foreign tokens. */
    public Introspection introspect(String accessToken) {
        HttpRequest request = deviceRequest("/api/v1/tokens/introspect")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("token", accessToken)))
                .build();
        Map<String, Object> answer = json(transport.send(request, Endpoint.DEVICE, "Introspection"), "Introspection");
        return new Introspection(Boolean.TRUE.equals(answer.get("active")), Map.copyOf(withoutNulls(answer)));
    }

    /** Bedside sessions of this device: start one for a token, heartbeat, end. */
    public BedsideSessions sessions() {
        return new BedsideSessions(this, transport);
    }

    /** Revokes a token; the server answers 200 whatever the token was. */
    public void revoke(String accessToken) {
        HttpRequest request = deviceRequest("/api/v1/tokens/revoke")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("token", accessToken)))
                .build();
        transport.send(request, Endpoint.DEVICE, "Revocation");
    }

    /** The server's current signing keys. */
    public JWKSet fetchJwks() {
        HttpRequest request = Transport.request(jwksUri()).header("Accept", "application/json").GET().build();
        String body = transport.send(request, Endpoint.DEVICE, "Fetching the JWKS");
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new CareIdException(Failure.SERVER_ERROR, "The server's JWKS is not a JWK set", e);
        }
    }

    /** The discovery document, fetched once and then kept. */
    public ServerMetadata discovery() {
        ServerMetadata known = metadata;
        if (known != null) {
            return known;
        }
        HttpRequest request = Transport.request(resolve(DISCOVERY_PATH)).header("Accept", "application/json").GET().build();
        Map<String, Object> document = json(transport.send(request, Endpoint.DEVICE, "Fetching the discovery document"),
                "Discovery");
        String discovered = string(document, "issuer");
        if (discovered == null || discovered.isBlank()) {
            throw new CareIdException(Failure.SERVER_ERROR, "The discovery document names no issuer");
        }
        known = new ServerMetadata(discovered, Map.copyOf(withoutNulls(document)));
        metadata = known;
        return known;
    }

    /** The server's issuer: the audience of client assertions and the iss of its tokens. */
    public String issuer() {
        String known = issuer;
        if (known == null) {
            known = discovery().issuer();
            issuer = known;
        }
        return known;
    }

    /** Where the JWKS lives: always on the server the device talks to, whatever discovery advertises. */
    public URI jwksUri() {
        return resolve(JWKS_PATH);
    }

    public URI server() {
        return server;
    }

    public String deviceId() {
        return deviceId;
    }

    /** Server time minus device time, from the last answer that had a Date header. */
    public Optional<Duration> lastClockSkew() {
        return transport.lastSkew();
    }

    HttpRequest.Builder deviceRequest(String path) {
        return Transport.request(resolve(path))
                .header("Authorization", "Device " + assertions.create(issuer()))
                .header("Accept", "application/json");
    }

    /** {@code POST /api/v1/auth/face/challenge}: a single-use head-turn challenge for this device. */
    public FaceChallenge requestFaceChallenge() {
        HttpRequest http = deviceRequest("/api/v1/auth/face/challenge").POST(HttpRequest.BodyPublishers.noBody()).build();
        Map<String, Object> answer = json(transport.send(http, Endpoint.AUTHENTICATION, "Face challenge"), "Face challenge");
        Object instruction = answer.get("instruction");
        Object expiresAt = answer.get("expiresAt");
        Object deadline = answer.get("deadlineMs");
        Object min = answer.get("minFrames");
        Object max = answer.get("maxFrames");
        String nonce = string(answer, "nonce");
        if (nonce == null || !(instruction instanceof List<?> turns) || turns.isEmpty()) {
            throw new CareIdException(Failure.SERVER_ERROR, "Face challenge: the server answered without a nonce or instruction");
        }
        return new FaceChallenge(nonce, turns.stream().map(String::valueOf).toList(), string(answer, "prompt"),
                expiresAt == null ? null : java.time.Instant.parse(String.valueOf(expiresAt)),
                deadline instanceof Number n ? n.longValue() : 0L, min instanceof Number n ? n.intValue() : 0,
                max instanceof Number n ? n.intValue() : 0);
    }

    /**
     * {@code POST /api/v1/auth/face/challenge/burst}: the frames recorded after showing the
     * challenge's prompt, in capture order, with the request's claimed staff id, scopes and optional
     * PIN (its face and fingerprint are not used). {@code mirrored}: the frames are selfie-view.
     */
    public TokenResponse answerFaceChallenge(FaceChallenge challenge, List<AuthenticationRequest.Image> frames,
                                             AuthenticationRequest request, boolean mirrored) {
        MultipartBody body = new MultipartBody();
        byte[] pinBytes = null;
        try {
            body.field("nonce", challenge.nonce());
            for (AuthenticationRequest.Image frame : frames) {
                addImage(body, "frames", frame);
            }
            if (mirrored) {
                body.field("mirrored", "true");
            }
            if (request.pinChars() != null) {
                pinBytes = utf8(request.pinChars());
                body.secretField("pin", pinBytes);
            }
            if (request.staffId() != null && !request.staffId().isBlank()) {
                body.field("staffId", request.staffId());
            }
            if (!request.scopes().isEmpty()) {
                body.field("scope", String.join(" ", request.scopes()));
            }
            HttpRequest http = deviceRequest("/api/v1/auth/face/challenge/burst")
                    .header("Content-Type", body.contentType())
                    .POST(body.publisher())
                    .build();
            return tokenResponse(json(transport.send(http, Endpoint.AUTHENTICATION, "Face challenge"), "Face challenge"));
        } finally {
            if (pinBytes != null) {
                java.util.Arrays.fill(pinBytes, (byte) 0);
            }
            request.wipe();
        }
    }

    private URI resolve(String path) {
        return URI.create(server + path);
    }

    static void addImage(MultipartBody body, String field, AuthenticationRequest.Image image) {
        body.file(field, image.fileName(), image.contentType(), image.content());
    }

    private static void addFingerprintDetails(MultipartBody body, AuthenticationRequest request) {
        body.field("dpi", Integer.toString(request.dpi()));
        if (request.finger() != null) {
            body.field("finger", request.finger().toString());
        }
    }

    private static TokenResponse tokenResponse(Map<String, Object> answer) {
        String token = string(answer, "access_token");
        if (token == null || token.isBlank()) {
            throw new CareIdException(Failure.SERVER_ERROR, "Authentication: the server answered without an access token");
        }
        Object expiresIn = answer.get("expires_in");
        Object amr = answer.get("amr");
        TokenResponse.Clinician clinician = answer.get("clinician") instanceof Map<?, ?> person
                ? new TokenResponse.Clinician(stringOrNull(person.get("display_name")), stringOrNull(person.get("role")))
                : null;
        List<TokenResponse.RefusedScope> refused = answer.get("refused_scopes") instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(Map.class::cast)
                        .map(m -> new TokenResponse.RefusedScope(stringOrNull(m.get("scope")), stringOrNull(m.get("reason"))))
                        .toList()
                : List.of();
        return new TokenResponse(token, string(answer, "token_type"),
                expiresIn instanceof Number n ? n.longValue() : 0L,
                string(answer, "scope"),
                amr instanceof List<?> values ? values.stream().map(String::valueOf).toList() : List.of(),
                string(answer, "acr"), clinician, refused);
    }

    static Map<String, Object> json(String body, String action) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw new CareIdException(Failure.SERVER_ERROR, action + ": the server's answer is not JSON", e);
        }
    }

    static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static String string(Map<String, Object> json, String name) {
        Object value = json.get(name);
        return value == null ? null : value.toString();
    }

    /** The emergency request as JSON bytes, the PIN written straight into them (never a String). */
    private static byte[] emergencyBody(EmergencyRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("staffId", request.staffId());
        fields.put("reason", request.reason());
        if (request.text() != null && !request.text().isBlank()) {
            fields.put("text", request.text());
        }
        String open = JSONObjectUtils.toJSONString(fields);
        byte[] head = (open.substring(0, open.length() - 1) + ",\"pin\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] pin = utf8(request.pinChars());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(head.length + pin.length * 6 + 2);
        out.writeBytes(head);
        for (byte b : pin) {
            if (b == '"' || b == '\\') {
                out.write('\\');
                out.write(b);
            } else if (b >= 0 && b < 0x20) {
                out.writeBytes(String.format("\\u%04x", b).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(b);
            }
        }
        java.util.Arrays.fill(pin, (byte) 0);
        out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }

    private static byte[] utf8(char[] chars) {
        java.nio.ByteBuffer buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        java.util.Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> json) {
        Map<String, Object> copy = new LinkedHashMap<>(json);
        copy.values().removeIf(Objects::isNull);
        return copy;
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
