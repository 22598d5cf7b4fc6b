package org.careid.reliability;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP calls the reliability tools make against a running server, as an operator (bearer
 * token) or as a provisioned device (a fresh ES256 client assertion per call). Every call has a
 * client-side timeout, so a hanging server shows up as a failure instead of a stuck tool.
 */
final class CareIdClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A provisioned device: its id and P-256 key, savable between runs of a tool. */
    record Device(UUID id, KeyPair key) {
        static Device generate() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new Device(null, g.generateKeyPair());
        }

        Map<String, String> saved() {
            return Map.of("id", id.toString(),
                    "private", Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()),
                    "public", Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
        }

        static Device load(Map<?, ?> saved) throws Exception {
            KeyFactory f = KeyFactory.getInstance("EC");
            return new Device(UUID.fromString((String) saved.get("id")), new KeyPair(
                    f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode((String) saved.get("public")))),
                    f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode((String) saved.get("private"))))));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> publicJwk() throws Exception {
            return JSON.readValue(new EllipticCurveJsonWebKey((ECPublicKey) key.getPublic())
                    .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), Map.class);
        }

        String assertion(String audience) throws Exception {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(id.toString());
            claims.setSubject(id.toString());
            claims.setAudience(audience);
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(0.5f);
            claims.setJwtId(UUID.randomUUID().toString());
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivate());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        }
    }

    /** A response: status, content type and body (status 0: no answer, the body names why). */
    record Reply(int status, String contentType, byte[] body, long nanos) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Map<?, ?> json() throws Exception {
            return JSON.readValue(body, Map.class);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        Reply requireOk() {
            if (!ok()) {
                throw new IllegalStateException("expected 2xx, got " + status + " " + text());
            }
            return this;
        }

        Reply require(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + ", got " + status + " " + text());
            }
            return this;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    private final Duration timeout;
    private String issuer;
    private String operator;
    /** The password in force after {@link #login}, and when the operator token is renewed. */
    private String operatorPassword;
    private long renewOperatorAt = Long.MAX_VALUE;

    CareIdClient(String base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /**
     * Logs in as the bootstrap admin. The server demands a password change before anything else, so
     * on a fresh database the password is changed once to the given one with "-load" appended; later
     * logins (after a restart) use that one first.
     */
    void login(String password) throws Exception {
        String chosen = password + "-load";
        Reply answer = send(json("/api/v1/operators/login", Map.of("username", "admin", "password", chosen)), false);
        if (answer.status() != 200) {
            String first = (String) send(json("/api/v1/operators/login", Map.of("username", "admin", "password", password)), false)
                    .requireOk().json().get("access_token");
            send(HttpRequest.newBuilder(uri("/api/v1/operators/me/password")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + first)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
                            Map.of("currentPassword", password, "newPassword", chosen)))), false).require(204);
            answer = send(json("/api/v1/operators/login", Map.of("username", "admin", "password", chosen)), false);
        }
        operatorPassword = chosen;
        useOperatorToken(answer);
        issuer = (String) send(HttpRequest.newBuilder(uri("/.well-known/openid-configuration")).GET(), false)
                .requireOk().json().get("issuer");
    }

    Device provisionDevice(String name) throws Exception {
        Device fresh = Device.generate();
        String id = (String) asOperator(json("/api/v1/devices", Map.of("name", name, "deviceType", "workstation", "ward", "ICU")))
                .requireOk().json().get("id");
        String code = (String) asOperator(HttpRequest.newBuilder(uri("/api/v1/devices/" + id + "/provisioning-code"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())).requireOk().json().get("code");
        send(json("/api/v1/devices/provision", Map.of("deviceId", id, "code", code, "jwk", fresh.publicJwk())), false).requireOk();
        return new Device(UUID.fromString(id), fresh.key());
    }

    String createStaff(String employeeId, List<String> scopes) throws Exception {
        String id = (String) asOperator(json("/api/v1/staff", Map.of("employeeId", employeeId, "displayName", "Reliability " + employeeId,
                "clinicalRole", "nurse", "ward", "ICU", "scopes", scopes))).requireOk().json().get("id");
        asOperator(json("/api/v1/staff/" + id + "/consent", Map.of("textVersion", consentVersion()))).requireOk();
        return id;
    }

    private String consentVersion() throws Exception {
        return (String) asOperator(HttpRequest.newBuilder(uri("/api/v1/consent/text")).GET()).requireOk().json().get("version");
    }

    Reply enrollFaces(String staffId, List<byte[]> photos) throws Exception {
        Multipart form = new Multipart();
        int i = 0;
        for (byte[] p : photos) {
            form.file("images", "photo" + (i++) + ".jpg", p);
        }
        return asOperator(form.post(uri("/api/v1/staff/" + staffId + "/faces")));
    }

    Reply biometrics(String staffId) throws Exception {
        return asOperator(HttpRequest.newBuilder(uri("/api/v1/staff/" + staffId + "/biometrics")).GET());
    }

    Reply erase(String staffId) throws Exception {
        return asOperator(HttpRequest.newBuilder(uri("/api/v1/staff/" + staffId + "/biometrics")).DELETE());
    }

    Reply authenticateFace(Device device, byte[] probe) throws Exception {
        Multipart form = new Multipart().file("image", "probe.jpg", probe).field("scope", "patient/*.read");
        return asDevice(device, form.post(uri("/api/v1/auth/face")));
    }

    Reply introspect(Device device, String token) throws Exception {
        return asDevice(device, form("/api/v1/tokens/introspect", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    Reply revoke(String token) throws Exception {
        return asOperator(form("/api/v1/tokens/revoke", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    Reply audit(String query) throws Exception {
        return asOperator(HttpRequest.newBuilder(uri("/api/v1/audit" + query)).GET());
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), false);
    }

    Reply asOperator(HttpRequest.Builder request) throws Exception {
        return send(request.header("Authorization", "Bearer " + operatorToken()), true);
    }

    /**
     * The operator token, renewed by a fresh login once four fifths of its lifetime (15 minutes by
     * default) have passed, as the console does: a 30-minute soak outlives one token.
     */
    private synchronized String operatorToken() throws Exception {
        if (System.nanoTime() - renewOperatorAt > 0) {
            useOperatorToken(send(json("/api/v1/operators/login", Map.of("username", "admin", "password", operatorPassword)), false));
        }
        return operator;
    }

    private void useOperatorToken(Reply login) throws Exception {
        Map<?, ?> body = login.requireOk().json();
        operator = (String) body.get("access_token");
        long lifetimeSeconds = ((Number) body.get("expires_in")).longValue();
        renewOperatorAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(lifetimeSeconds * 4 / 5);
    }

    Reply asDevice(Device device, HttpRequest.Builder request) throws Exception {
        return send(request.header("Authorization", "Device " + device.assertion(issuer)), true);
    }

    /** Sends; a connection failure or timeout is a Reply with status 0 when {@code tolerant}, else thrown. */
    Reply send(HttpRequest.Builder request, boolean tolerant) throws Exception {
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), System.nanoTime() - t0);
        } catch (java.io.IOException e) {
            if (!tolerant) {
                throw e;
            }
            return new Reply(0, "", e.toString().getBytes(StandardCharsets.UTF_8), System.nanoTime() - t0);
        }
    }

    private HttpRequest.Builder json(String path, Object body) throws Exception {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }

    private HttpRequest.Builder form(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    /** The payload claims of a JWT (no verification: the server verifies; tools only read the jti). */
    static Map<?, ?> claims(String jwt) throws Exception {
        return JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
    }

    /** A minimal multipart/form-data body for the JDK client. */
    static final class Multipart {
        private final String boundary = "careid" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String name, String filename, byte[] bytes) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(bytes);
            write("\r\n");
            return this;
        }

        HttpRequest.Builder post(URI uri) {
            write("--" + boundary + "--\r\n");
            return HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
