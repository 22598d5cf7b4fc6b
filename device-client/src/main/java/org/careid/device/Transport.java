package org.careid.device;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends requests with the JDK client, turns network errors and error answers into
 * {@link CareIdException}s and remembers the last clock skew seen in a Date header.
 */
final class Transport {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Face and fingerprint matching take a while on a busy server. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final Clock clock;
    private volatile Duration lastSkew;

    Transport(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
    }

    /** Sends the request and returns the body of a 2xx answer; anything else becomes a CareIdException. */
    String send(HttpRequest request, Endpoint endpoint, String action) {
        Instant sent = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(request.uri(), "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw unreachable(request.uri(), "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw unreachable(request.uri(), "connection refused", e);
        } catch (IOException e) {
            throw unreachable(request.uri(), describe(e), e);
        } catch (UnresolvedAddressException e) {
            throw unreachable(request.uri(), "unknown host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareIdException(Failure.SERVER_UNREACHABLE, action + " interrupted", e);
        }
        Optional<Duration> skew = ClockSkew.measure(response, sent, clock.instant());
        skew.ifPresent(s -> lastSkew = s);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw ErrorClassifier.classify(endpoint, action, status, response.body(), skew);
    }

    /** Server time minus device time from the last answer with a Date header, if any. */
    Optional<Duration> lastSkew() {
        return Optional.ofNullable(lastSkew);
    }

    private static CareIdException unreachable(URI uri, String why, Throwable cause) {
        return new CareIdException(Failure.SERVER_UNREACHABLE,
                "CareID server unreachable at " + uri.getScheme() + "://" + uri.getRawAuthority() + ": " + why, cause);
    }

    private static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
