package org.careid.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on 127.0.0.1 that plays the server's side of docs/ARCHITECTURE.md for the
 * client's tests: it really verifies client assertions and proofs of possession against the keys
 * devices registered and signs real ES256 tokens, so the client is checked against the contract,
 * not against canned answers. Only what the device client touches is there.
 */
public final class ContractServer implements AutoCloseable {
    public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(120);

    private final HttpServer http;
    private final ECKey signingKey;
    private final Map<String, String> provisioningCodes = new ConcurrentHashMap<>();
    private final Map<String, ECKey> deviceKeys = new ConcurrentHashMap<>();
    private final Set<String> seenAssertionIds = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedTokenIds = ConcurrentHashMap.newKeySet();
    private final Set<String> usedUnlockTokenIds = ConcurrentHashMap.newKeySet();
    private final Map<String, String> softwareVersions = new ConcurrentHashMap<>();
    private final List<Map<String, String>> authenticationForms = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile boolean refuseAuthentication;
    private volatile String lastAuthenticationPath;

    public ContractServer() throws IOException, JOSEException {
        signingKey = new ECKeyGenerator(Curve.P_256).keyID("server-key-1").generate();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::route);
        http.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    public ECKey signingKey() {
        return signingKey;
    }

    /** What an ADMIN does before provisioning: a device record with a one-time code. */
    public void issueProvisioningCode(String deviceId, String code) {
        provisioningCodes.put(deviceId, code);
    }

    public void refuseAuthentication(boolean refuse) {
        this.refuseAuthentication = refuse;
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public String softwareVersion(String deviceId) {
        return softwareVersions.get(deviceId);
    }

    public List<Map<String, String>> authenticationForms() {
        return List.copyOf(authenticationForms);
    }

    public String lastAuthenticationPath() {
        return lastAuthenticationPath;
    }

    public boolean isRegistered(String deviceId) {
        return deviceKeys.containsKey(deviceId);
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void route(HttpExchange exchange) throws IOException {
        try {
            respond(exchange);
        } finally {
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/.well-known/openid-configuration")) {
                json(exchange, 200, Map.of("issuer", TestTokens.ISSUER, "jwks_uri", baseUri() + "/.well-known/jwks.json"));
            } else if (path.equals("/.well-known/jwks.json")) {
                jwksRequests.incrementAndGet();
                json(exchange, 200, new JWKSet(signingKey.toPublicJWK()).toJSONObject(true));
            } else if (path.equals("/api/v1/devices/provision") && method.equals("POST")) {
                provision(exchange);
            } else if (path.equals("/api/v1/devices/self/software-version") && method.equals("PUT")) {
                String device = authenticatedDevice(exchange);
                Map<String, Object> body = JSONObjectUtils.parse(read(exchange));
                softwareVersions.put(device, (String) body.get("softwareVersion"));
                exchange.sendResponseHeaders(204, -1);
            } else if (path.startsWith("/api/v1/auth") && method.equals("POST")) {
                authenticate(exchange, path);
            } else if (path.equals("/api/v1/tokens/introspect") && method.equals("POST")) {
                introspect(exchange, authenticatedDevice(exchange));
            } else if (path.equals("/api/v1/tokens/revoke") && method.equals("POST")) {
                authenticatedDevice(exchange);
                String token = form(read(exchange)).get("token");
                revokedTokenIds.add(SignedJWT.parse(token).getJWTClaimsSet().getJWTID());
                exchange.sendResponseHeaders(200, -1);
            } else if (path.startsWith("/demo/patients/") && method.equals("GET")) {
                JWTClaimsSet claims = presentedToken(exchange, "patient/*.read");
                String id = path.substring("/demo/patients/".length());
                json(exchange, 200, Map.of("resourceType", "Patient", "id", id, "reader", claims.getSubject()));
            } else if (path.startsWith("/demo/devices/") && path.endsWith("/unlock") && method.equals("POST")) {
                unlock(exchange, path);
            } else {
                problem(exchange, 404, "not-found", "Not Found", "No such resource");
            }
        } catch (Refusal refusal) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", ProblemTypes.uri(refusal.type));
            body.put("title", refusal.title);
            body.put("status", refusal.status);
            body.put("detail", refusal.detail);
            body.putAll(refusal.extra);
            json(exchange, refusal.status, body, "application/problem+json");
        } catch (Exception e) {
            problem(exchange, 500, "internal-error", "Internal Server Error", e.toString());
        }
    }

    private void provision(HttpExchange exchange) throws Exception {
        Map<String, Object> body = JSONObjectUtils.parse(read(exchange));
        String deviceId = (String) body.get("deviceId");
        String code = (String) body.get("code");
        @SuppressWarnings("unchecked")
        Map<String, Object> jwk = (Map<String, Object>) body.get("jwk");
        if (jwk.containsKey("d")) {
            throw new Refusal(400, "validation", "Bad Request", "A private key was sent", Map.of());
        }
        if (code == null || !provisioningCodes.remove(deviceId, code)) {
            throw new Refusal(400, "invalid-provisioning-code", "Provisioning failed", "The code is unknown, used or expired", Map.of());
        }
        ECKey key = ECKey.parse(jwk);
        deviceKeys.put(deviceId, key);
        json(exchange, 200, Map.of("deviceId", deviceId, "jkt", key.computeThumbprint().toString()));
    }

    private void authenticate(HttpExchange exchange, String path) throws Exception {
        String device = authenticatedDevice(exchange);
        lastAuthenticationPath = path;
        Map<String, String> fields = multipart(exchange);
        authenticationForms.add(fields);
        if (refuseAuthentication) {
            throw new Refusal(401, "authentication-failed", "Authentication failed", null, Map.of());
        }
        String scope = fields.getOrDefault("scope", "");
        Instant now = Instant.now();
        JWTClaimsSet claims = TestTokens.claims(now, TOKEN_LIFETIME, deviceKeys.get(device).computeThumbprint().toString())
                .audience(List.of(device, "careid-resources"))
                .claim("scope", scope)
                .claim("device_id", device)
                .build();
        String token = TestTokens.sign(signingKey, "at+jwt", claims);
        json(exchange, 200, Map.of("access_token", token, "token_type", "DPoP", "expires_in", TOKEN_LIFETIME.toSeconds(),
                "scope", scope, "amr", List.of("face"), "acr", "1",
                "clinician", Map.of("display_name", "Test Nurse", "role", "nurse"),
                "refused_scopes", List.of(Map.of("scope", "user/*.write", "reason", "NOT_PERMITTED"))));
    }

    /** Like the real server: a device asking about a token bound to another device hears "inactive". */
    private void introspect(HttpExchange exchange, String callerDevice) throws Exception {
        String token = form(read(exchange)).get("token");
        JWTClaimsSet claims = validToken(token);
        if (claims == null || !callerDevice.equals(claims.getClaim("device_id"))) {
            json(exchange, 200, Map.of("active", false));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>(claims.toJSONObject());
        answer.put("active", true);
        json(exchange, 200, answer);
    }

    private void unlock(HttpExchange exchange, String path) throws Exception {
        JWTClaimsSet claims = presentedToken(exchange, "device:unlock");
        String device = path.substring("/demo/devices/".length(), path.length() - "/unlock".length());
        if (!device.equals(claims.getClaim("device_id"))) {
            throw new Refusal(403, "wrong-device", "Wrong device", "The token is bound to another device", Map.of());
        }
        if (!usedUnlockTokenIds.add(claims.getJWTID())) {
            throw new Refusal(409, "token-replayed", "Token already used", "Token already used to unlock (replay)", Map.of());
        }
        json(exchange, 200, Map.of("deviceId", device, "unlocked", true));
    }

    /** Checks a client assertion as the server does and returns the device id. */
    private String authenticatedDevice(HttpExchange exchange) throws Exception {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Device ")) {
            throw new Refusal(401, "authentication-required", "Unauthorized", "Device credentials required", Map.of());
        }
        SignedJWT assertion = SignedJWT.parse(authorization.substring("Device ".length()));
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        ECKey key = deviceKeys.get(claims.getIssuer());
        Instant now = Instant.now();
        boolean valid = key != null
                && JWSAlgorithm.ES256.equals(assertion.getHeader().getAlgorithm())
                && assertion.verify(new ECDSAVerifier(key))
                && claims.getIssuer().equals(claims.getSubject())
                && claims.getAudience().contains(TestTokens.ISSUER)
                && claims.getIssueTime() != null && claims.getExpirationTime() != null
                && Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()).getSeconds() <= 60
                && now.isBefore(claims.getExpirationTime().toInstant().plusSeconds(5))
                && !now.isBefore(claims.getIssueTime().toInstant().minusSeconds(5))
                && claims.getJWTID() != null && seenAssertionIds.add(claims.getJWTID());
        if (!valid) {
            throw new Refusal(401, "credentials-refused", "Unauthorized", "Invalid client assertion", Map.of());
        }
        return claims.getIssuer();
    }

    /** Checks Authorization: DPoP + DPoP proof as a resource server does; returns the token's claims. */
    private JWTClaimsSet presentedToken(HttpExchange exchange, String requiredScope) throws Exception {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String proofText = exchange.getRequestHeaders().getFirst("DPoP");
        if (authorization == null || !authorization.startsWith("DPoP ") || proofText == null) {
            throw new Refusal(401, "token-required", "Unauthorized", "DPoP token and proof required", Map.of());
        }
        String token = authorization.substring("DPoP ".length());
        JWTClaimsSet claims = validToken(token);
        if (claims == null) {
            throw new Refusal(401, "token-invalid", "Unauthorized", "Invalid token", Map.of());
        }
        SignedJWT proof = SignedJWT.parse(proofText);
        JWK proofKey = proof.getHeader().getJWK();
        JWTClaimsSet proofClaims = proof.getJWTClaimsSet();
        @SuppressWarnings("unchecked")
        Map<String, Object> cnf = (Map<String, Object>) claims.getClaim("cnf");
        String htu = baseUri() + exchange.getRequestURI().getRawPath();
        boolean proven = proofKey instanceof ECKey ec && !ec.isPrivate()
                && "dpop+jwt".equals(proof.getHeader().getType().getType())
                && proof.verify(new ECDSAVerifier(ec))
                && ec.computeThumbprint().toString().equals(cnf.get("jkt"))
                && exchange.getRequestMethod().equals(proofClaims.getClaim("htm"))
                && htu.equals(proofClaims.getClaim("htu"))
                && DpopProofs.ath(token).equals(proofClaims.getClaim("ath"))
                && proofClaims.getJWTID() != null;
        if (!proven) {
            throw new Refusal(401, "proof-invalid", "Unauthorized", "Invalid proof of possession", Map.of());
        }
        if (!List.of(claims.getStringClaim("scope").split(" ")).contains(requiredScope)) {
            throw new Refusal(403, "insufficient-scope", "Insufficient scope", "Scope " + requiredScope + " required", Map.of());
        }
        return claims;
    }

    private JWTClaimsSet validToken(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        if (!jwt.verify(new ECDSAVerifier(signingKey)) || revokedTokenIds.contains(claims.getJWTID())
                || !Instant.now().isBefore(claims.getExpirationTime().toInstant())) {
            return null;
        }
        return claims;
    }

    private static Map<String, String> multipart(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        // ISO-8859-1 keeps every byte of the image parts as one char.
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : body.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String name = headers.replaceAll("(?s).*?; name=\"([^\"]+)\".*", "$1");
            String value = part.substring(headerEnd + 4, part.length() - 2);
            fields.put(name, headers.contains("filename=") ? "file:" + value.length() + " bytes" : new String(
                    value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String read(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void problem(HttpExchange exchange, int status, String type, String title, String detail) throws IOException {
        json(exchange, status, Map.of("type", ProblemTypes.uri(type), "title", title, "status", status, "detail", detail),
                "application/problem+json");
    }

    static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        json(exchange, status, body, "application/json");
    }

    @SuppressWarnings("unchecked")
    static void json(HttpExchange exchange, int status, Map<String, ?> body, String contentType) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString((Map<String, Object>) body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static final class Refusal extends Exception {
        final int status;
        final String type;
        final String title;
        final String detail;
        final Map<String, Object> extra;

        Refusal(int status, String type, String title, String detail, Map<String, Object> extra) {
            super(title);
            this.status = status;
            this.type = type;
            this.title = title;
            this.detail = detail;
            this.extra = extra;
        }
    }
}
