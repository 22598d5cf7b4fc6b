package org.careid.device;

import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenHolderTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final ECKey serverKey = DeviceKeyStore.generate("server-key");

    @Test
    void tokenIsAvailableUntilItsExpiryAndDiscardedAfterwards() {
        TokenHolder holder = new TokenHolder(clock);
        holder.hold("the-token", clock.instant().plusSeconds(120));

        assertEquals("the-token", holder.token().orElseThrow());
        clock.advance(Duration.ofSeconds(119));
        assertTrue(holder.isValid());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(holder.token().isEmpty());
        assertTrue(holder.expiresAt().isEmpty());
        // Discarded for good, even if the clock were set back.
        clock.advance(Duration.ofSeconds(-60));
        assertTrue(holder.token().isEmpty());
    }

    @Test
    void toStringNeverRevealsTheToken() {
        TokenResponse response = new TokenResponse(TestTokens.accessToken(serverKey, clock.instant(), Duration.ofSeconds(120), "jkt"),
                "DPoP", 120, "patient/*.read", List.of("face"), "1");
        TokenHolder holder = new TokenHolder(clock);
        holder.hold(response);

        String token = response.accessToken();
        assertFalse(holder.toString().contains(token));
        assertFalse(holder.toString().contains(token.substring(0, 20)));
        assertTrue(holder.toString().contains("token held"));
        assertFalse(response.toString().contains(token.substring(token.lastIndexOf('.') + 1)));
        assertFalse(response.toString().contains(token.substring(0, 20)));
        clock.advance(Duration.ofMinutes(3));
        assertEquals("TokenHolder[no token]", holder.toString());
    }

    @Test
    void expiryIsTheEarlierOfExpiresInAndTheTokensOwnExp() {
        // expires_in longer than the token's exp: the exp claim wins.
        String shortToken = TestTokens.accessToken(serverKey, clock.instant(), Duration.ofSeconds(30), "jkt");
        TokenHolder holder = new TokenHolder(clock);
        holder.hold(new TokenResponse(shortToken, "DPoP", 600, "s", List.of(), null));
        assertEquals(clock.instant().plusSeconds(30), holder.expiresAt().orElseThrow());

        // expires_in shorter than exp: expires_in wins.
        String longToken = TestTokens.accessToken(serverKey, clock.instant(), Duration.ofSeconds(600), "jkt");
        holder.hold(new TokenResponse(longToken, "DPoP", 45, "s", List.of(), null));
        assertEquals(clock.instant().plusSeconds(45), holder.expiresAt().orElseThrow());
    }

    @Test
    void clearDropsTheTokenAtOnce() {
        TokenHolder holder = new TokenHolder(clock);
        holder.hold("the-token", clock.instant().plusSeconds(120));
        holder.clear();
        assertTrue(holder.token().isEmpty());
    }
}
