package org.careid.device.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.careid.device.CareIdException;
import org.careid.device.Failure;
import org.careid.device.OwnerOnlyFiles;
import org.careid.device.TokenHolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI's saved token: one process authenticates, the next reads a patient. Kept in an owner-only
 * file next to the key store, and deleted as soon as a command finds it expired.
 * A file holding just the raw JWT (e.g. copied from {@code authenticate --print-token}) is read too.
 */
final class TokenFile {
    private TokenFile() {
    }

    static void save(Path file, TokenHolder holder) throws IOException {
        String token = holder.token().orElseThrow(() ->
                new CareIdException(Failure.TOKEN_EXPIRED, "The new token expired before it could be saved"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", token);
        json.put("expires_at", holder.expiresAt().orElseThrow().getEpochSecond());
        OwnerOnlyFiles.write(file, JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The saved token in a holder; expired or missing tokens fail with TOKEN_EXPIRED. An expired
     * token is also deleted when {@code discardExpired} (the CLI's own file, not one the user named).
     */
    static TokenHolder load(Path file, Clock clock, boolean discardExpired) {
        String text;
        try {
            if (!OwnerOnlyFiles.isOwnerOnly(file)) {
                throw new CareIdException(Failure.BAD_INPUT,
                        "Token file " + file + " can be read by other users; restrict it with: chmod 600 " + file);
            }
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            throw new CareIdException(Failure.TOKEN_EXPIRED, "No saved token at " + file + ": authenticate first");
        } catch (IOException e) {
            throw new CareIdException(Failure.BAD_INPUT, "Cannot read token file " + file + ": " + e.getMessage(), e);
        }
        TokenHolder holder = new TokenHolder(clock);
        if (text.startsWith("{")) {
            try {
                Map<String, Object> json = JSONObjectUtils.parse(text);
                Object expiresAt = json.get("expires_at");
                Object token = json.get("access_token");
                if (!(token instanceof String) || !(expiresAt instanceof Number)) {
                    throw new CareIdException(Failure.BAD_INPUT, "Token file " + file + " lacks access_token or expires_at");
                }
                holder.hold((String) token, Instant.ofEpochSecond(((Number) expiresAt).longValue()));
            } catch (ParseException e) {
                throw new CareIdException(Failure.BAD_INPUT, "Token file " + file + " is not valid JSON", e);
            }
        } else {
            holder.hold(new org.careid.device.TokenResponse(text, "DPoP", 0, null, java.util.List.of(), null));
        }
        if (!holder.isValid()) {
            if (discardExpired) {
                delete(file);
                throw new CareIdException(Failure.TOKEN_EXPIRED, "The saved token has expired and was deleted: authenticate again");
            }
            throw new CareIdException(Failure.TOKEN_EXPIRED, "The token in " + file
                    + " has expired (the file was left as it is): authenticate again");
        }
        return holder;
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing more to do: an expired token in a file is useless to anyone.
        }
    }
}
