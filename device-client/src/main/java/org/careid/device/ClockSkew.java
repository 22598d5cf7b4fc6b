package org.careid.device;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The difference between the server's clock (its {@code Date} header) and the device's clock.
 * Assertions and proofs carry the device's time, so a skew beyond {@link #TOLERANCE} explains why
 * the server refuses them and is reported as such instead of a vague authentication failure.
 */
public final class ClockSkew {
    /** Beyond this the server's 60 s assertion window no longer fits; the Date header has 1 s resolution. */
    public static final Duration TOLERANCE = Duration.ofSeconds(30);

    private ClockSkew() {
    }

    /**
     * Server time minus device time, measured against the middle of the exchange so the network
     * delay counts only half; empty when the answer has no readable Date header.
     */
    public static Optional<Duration> measure(HttpResponse<?> response, Instant sent, Instant received) {
        return response.headers().firstValue("Date").flatMap(ClockSkew::parseHttpDate).map(serverTime -> {
            Instant middle = sent.plus(Duration.between(sent, received).dividedBy(2));
            return Duration.between(middle, serverTime);
        });
    }

    public static boolean beyondTolerance(Duration skew) {
        return skew.abs().compareTo(TOLERANCE) > 0;
    }

    static Optional<Instant> parseHttpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** "device clock is 95 s behind the server" and the like. */
    public static String describe(Duration skew) {
        long seconds = Math.abs(skew.toSeconds());
        return "the device clock is " + seconds + " s " + (skew.isNegative() ? "ahead of" : "behind")
                + " the server's; fix the time (NTP) and try again";
    }
}
