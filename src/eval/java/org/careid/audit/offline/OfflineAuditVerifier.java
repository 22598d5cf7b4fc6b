package org.careid.audit.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a CareID audit export (JSON Lines from {@code GET /api/v1/audit/export}) with nothing but
 * a JDK, the export and the checkpoint public keys ({@code GET /api/v1/audit/checkpoints/keys},
 * kept by the auditor). It recomputes every entry's SHA-256 link, checks each checkpoint's ES256
 * signature, that the entries hash up to the head it signed, and that the checkpoints form one
 * chain. It cannot check the entries' MACs (that needs the server's key): entries after the last
 * checkpoint are reported as not yet covered by a signature.
 *
 * <p>Self-contained on purpose (its own small JSON reader), so it runs as a single source file:
 * {@code java OfflineAuditVerifier.java EXPORT.jsonl KEYS.json}. Exit status 0 = intact,
 * 1 = broken, 2 = the files could not be read.
 */
public final class OfflineAuditVerifier {
    static final String GENESIS = "0".repeat(64);
    private static final char SEPARATOR = '\u001f';
    private static final HexFormat HEX = HexFormat.of();

    /** The outcome; {@code breakKind} uses the server's names (EDITED_ENTRY, CHECKPOINT_MISMATCH, ...). */
    public record Result(boolean valid, long entries, long checkpoints, long lastCheckpointSeq, long uncoveredEntries,
                         Long firstBrokenSeq, String breakKind, String reason) {
        @Override
        public String toString() {
            if (!valid) {
                return "BROKEN at entry " + firstBrokenSeq + ": " + breakKind + ": " + reason + " (" + entries
                        + " entries and " + checkpoints + " checkpoints verified before it)";
            }
            return "OK: " + entries + " entries, " + checkpoints + " checkpoints verified; the last checkpoint covers entry "
                    + lastCheckpointSeq + (uncoveredEntries > 0 ? "; " + uncoveredEntries
                    + " later entries are not yet covered by a signed checkpoint" : "");
        }
    }

    private OfflineAuditVerifier() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: OfflineAuditVerifier EXPORT.jsonl KEYS.json");
            System.exit(2);
        }
        Result result;
        try {
            result = verify(Path.of(args[0]), Path.of(args[1]));
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot verify: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(result);
        System.exit(result.valid() ? 0 : 1);
    }

    public static Result verify(Path export, Path keysFile) throws IOException {
        Map<String, PublicKey> keys = readKeys(Files.readString(keysFile, StandardCharsets.UTF_8));
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            return new Walk(keys).run(in);
        }
    }

    private static final class Walk {
        private final Map<String, PublicKey> keys;
        private final MessageDigest sha256;
        private long expectedSeq = 1;
        private String prevHash = GENESIS;
        private long entries;
        private long checkpoints;
        private long lastCheckpointSeq;
        private String lastCheckpointJws;
        private Long keyedFrom;

        Walk(Map<String, PublicKey> keys) {
            this.keys = keys;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        Result run(BufferedReader in) throws IOException {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Object parsed = Json.parse(line);
                if (!(parsed instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("line " + lineNo + " is not a JSON object");
                }
                Result bad = "checkpoint".equals(m.get("type")) ? checkpoint(m) : entry(m);
                if (bad != null) {
                    return bad;
                }
            }
            return new Result(true, entries, checkpoints, lastCheckpointSeq, entries - lastCheckpointSeq, null, null, null);
        }

        private Result entry(Map<?, ?> e) {
            long seq = num(e, "seq");
            if (seq != expectedSeq) {
                return seq > expectedSeq
                        ? broken(expectedSeq, "DELETED_ENTRY", "entries " + expectedSeq + " to " + (seq - 1) + " are missing")
                        : broken(seq, "REORDERED_ENTRIES", "entry " + seq + " appears after entry " + (expectedSeq - 1));
            }
            if (!prevHash.equals(str(e, "prevHash"))) {
                return broken(seq, "EDITED_ENTRY", "entry " + seq + " does not link to entry " + (seq - 1));
            }
            String canonical = String.join(String.valueOf(SEPARATOR), Long.toString(seq), str(e, "occurredAt"),
                    str(e, "actorType"), nz(str(e, "actorId")), str(e, "action"), nz(str(e, "targetType")),
                    nz(str(e, "targetId")), str(e, "outcome"), nz(str(e, "sourceAddress")), str(e, "detail"),
                    str(e, "prevHash"));
            String hash = HEX.formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
            if (!hash.equals(str(e, "hash"))) {
                return broken(seq, "EDITED_ENTRY", "entry " + seq + " no longer matches its hash");
            }
            if (keyedFrom != null && seq >= keyedFrom && e.get("mac") == null) {
                return broken(seq, "REBUILT_WITHOUT_KEY", "entry " + seq + " lost its MAC");
            }
            prevHash = hash;
            expectedSeq++;
            entries++;
            return null;
        }

        private Result checkpoint(Map<?, ?> line) {
            String jws = str(line, "jws");
            String[] parts = jws == null ? new String[0] : jws.split("\\.", -1);
            if (parts.length != 3) {
                return broken(num(line, "seq"), "CHECKPOINT_SIGNATURE_INVALID", "not a compact JWS");
            }
            Map<?, ?> header = (Map<?, ?>) Json.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            Map<?, ?> payload = (Map<?, ?>) Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            long seq = num(payload, "seq");
            PublicKey key = keys.get(str(header, "kid"));
            if (!"ES256".equals(header.get("alg")) || !"careid-audit-checkpoint".equals(header.get("typ"))
                    || key == null || !signatureValid(key, parts)) {
                return broken(seq, "CHECKPOINT_SIGNATURE_INVALID", "checkpoint " + seq + " does not verify under the given keys"
                        + (key == null ? " (unknown kid " + header.get("kid") + ")" : ""));
            }
            checkpoints++;
            long lastEntry = expectedSeq - 1;
            if (seq != lastEntry || num(payload, "entryCount") != lastEntry) {
                return broken(Math.min(seq, lastEntry + 1), seq > lastEntry ? "TRUNCATED_TAIL" : "CHECKPOINT_MISMATCH",
                        "checkpoint " + seq + " follows entry " + lastEntry + " in the export");
            }
            if (!prevHash.equals(str(payload, "headHash"))) {
                return broken(seq, "CHECKPOINT_MISMATCH", "the entries up to " + seq
                        + " do not hash to the head this checkpoint signed: they were changed after entry " + lastCheckpointSeq);
            }
            String expectedPrevious = lastCheckpointJws == null ? GENESIS
                    : HEX.formatHex(sha256.digest(lastCheckpointJws.getBytes(StandardCharsets.US_ASCII)));
            if (!expectedPrevious.equals(str(payload, "previous")) || num(payload, "previousSeq") != lastCheckpointSeq) {
                return broken(seq, "CHECKPOINT_MISMATCH", "checkpoint " + seq
                        + " does not follow the checkpoint before it in the export (one was removed or replaced)");
            }
            long signedKeyedFrom = num(payload, "keyedFrom");
            if (keyedFrom != null && keyedFrom != signedKeyedFrom) {
                return broken(seq, "CHECKPOINT_MISMATCH", "checkpoint " + seq + " names another start of the keyed chain");
            }
            keyedFrom = signedKeyedFrom;
            lastCheckpointSeq = seq;
            lastCheckpointJws = jws;
            return null;
        }

        private Result broken(long seq, String kind, String reason) {
            return new Result(false, entries, checkpoints, lastCheckpointSeq, 0, seq, kind, reason);
        }
    }

    private static boolean signatureValid(PublicKey key, String[] parts) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initVerify(key);
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return s.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A JWKS of P-256 keys, as served at /api/v1/audit/checkpoints/keys. */
    static Map<String, PublicKey> readKeys(String jwks) {
        Object parsed = Json.parse(jwks);
        if (!(parsed instanceof Map<?, ?> set) || !(set.get("keys") instanceof List<?> list)) {
            throw new IllegalArgumentException("the key file is not a JWKS ({\"keys\":[...]})");
        }
        Map<String, PublicKey> keys = new HashMap<>();
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = params.getParameterSpec(ECParameterSpec.class);
            KeyFactory factory = KeyFactory.getInstance("EC");
            for (Object o : list) {
                Map<?, ?> jwk = (Map<?, ?>) o;
                if (!"EC".equals(jwk.get("kty")) || !"P-256".equals(jwk.get("crv"))) {
                    continue;
                }
                ECPoint point = new ECPoint(unsigned(str(jwk, "x")), unsigned(str(jwk, "y")));
                keys.put(str(jwk, "kid"), factory.generatePublic(new ECPublicKeySpec(point, p256)));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("a key in the key file is not a valid P-256 key", e);
        }
        return keys;
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    private static String str(Map<?, ?> m, String field) {
        Object v = m.get(field);
        return v == null ? null : v.toString();
    }

    private static long num(Map<?, ?> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("field " + field + " is not a number");
        }
        return n.longValue();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Just enough JSON (RFC 8259) for export lines, JWS parts and a JWKS. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.space();
            if (p.i != text.length()) {
                throw p.error("trailing characters");
            }
            return v;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            space();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                space();
                String key = string();
                space();
                expect(':');
                m.put(key, value());
                space();
                if (peek() == ',') {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            i++;
            space();
            if (peek() == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (peek() == ',') {
                    i++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
        }

        private Number number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (n.isEmpty()) {
                throw error("unexpected character");
            }
            return n.matches("-?\\d+") ? (Number) Long.valueOf(n) : (Number) Double.valueOf(n);
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected literal");
            }
            i += word.length();
            return value;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at character " + i);
        }
    }
}
