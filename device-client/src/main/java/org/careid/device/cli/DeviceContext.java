package org.careid.device.cli;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.careid.device.CareIdClient;
import org.careid.device.CareIdException;
import org.careid.device.DeviceKeyStore;
import org.careid.device.DpopProofs;
import org.careid.device.Failure;
import org.careid.device.JwksCache;
import org.careid.device.KeyStores;
import org.careid.device.OwnerOnlyFiles;
import org.careid.device.ProtectedResourceClient;
import org.careid.device.TokenHolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What every command needs from the global options: the server, the device key and id, the files
 * kept next to the key store (saved token, JWKS cache, the server's issuer) and the clients.
 */
final class DeviceContext {
    private final URI server;
    private final Path keyStore;
    private final Path pkcs11Config;
    private final String deviceIdOption;
    private final Clock clock;
    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;
    private final HttpClient http = CareIdClient.defaultHttpClient();
    private ECKey deviceKey;
    private CareIdClient client;

    DeviceContext(URI server, Path keyStore, Path pkcs11Config, String deviceIdOption, Clock clock, InputStream stdin,
                  PrintWriter out, PrintWriter err) {
        this.server = server;
        this.keyStore = keyStore;
        this.pkcs11Config = pkcs11Config;
        this.deviceIdOption = deviceIdOption == null || deviceIdOption.isBlank() ? null : deviceIdOption.trim();
        this.clock = clock;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** The server given with --server (or CAREID_SERVER); commands that talk to it need one. */
    URI server() {
        return optionalServer().orElseThrow(() ->
                new CareIdException(Failure.BAD_INPUT, "No server: give --server URL or set CAREID_SERVER"));
    }

    Optional<URI> optionalServer() {
        if (server == null) {
            return Optional.empty();
        }
        String scheme = server.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || server.getRawAuthority() == null) {
            throw new CareIdException(Failure.BAD_INPUT, "--server must be an http(s) URL such as https://careid.example, not " + server);
        }
        if (scheme.equals("http") && !ServerAddresses.isLoopback(server)) {
            throw new CareIdException(Failure.BAD_INPUT, "--server must use https (plain http only to this machine: "
                    + "localhost, 127.0.0.1, ::1), not " + server);
        }
        return Optional.of(server);
    }

    Path keyStore() {
        return keyStore;
    }

    Path tokenFile() {
        return sibling(".token");
    }

    Path jwksCacheFile() {
        return sibling(".jwks.json");
    }

    Path serverCacheFile() {
        return sibling(".server.json");
    }

    /** The device's id: --device-id, else the key id written into the key store at provisioning. */
    String deviceId() {
        String recorded = deviceKey().getKeyID();
        if (deviceIdOption != null) {
            if (recorded != null && !recorded.equals(deviceIdOption)) {
                throw new CareIdException(Failure.BAD_INPUT, "Key store " + keyStore + " belongs to device " + recorded
                        + ", not to " + deviceIdOption);
            }
            return deviceIdOption;
        }
        if (recorded == null) {
            throw new CareIdException(Failure.BAD_INPUT, "The key store records no device id: give --device-id");
        }
        return recorded;
    }

    /** The --device-id option as given, for provisioning (before any key store exists). */
    Optional<String> deviceIdOption() {
        return Optional.ofNullable(deviceIdOption);
    }

    ECKey deviceKey() {
        if (deviceKey == null) {
            if (pkcs11Config != null) {
                deviceKey = KeyStores.loadPkcs11(pkcs11Config, keyStorePassword(), deviceIdOption);
            } else if (KeyStores.isPkcs12(keyStore)) {
                deviceKey = KeyStores.loadPkcs12(keyStore, keyStorePassword(), deviceIdOption);
            } else {
                deviceKey = DeviceKeyStore.load(keyStore);
            }
        }
        return deviceKey;
    }

    /** True when the key lives in a PKCS#12 file or on a PKCS#11 token: made by their tools, never by provision. */
    boolean externalKeyStore() {
        return pkcs11Config != null || KeyStores.isPkcs12(keyStore);
    }

    /** The PKCS#12 password or PKCS#11 PIN, from the environment (never an argument: process lists show those). */
    private static char[] keyStorePassword() {
        String password = System.getenv("CAREID_KEY_STORE_PASSWORD");
        if (password == null) {
            throw new CareIdException(Failure.BAD_INPUT, "Set CAREID_KEY_STORE_PASSWORD to the key store's password or the token's PIN");
        }
        return password.toCharArray();
    }

    void useDeviceKey(ECKey key) {
        this.deviceKey = key;
        this.client = null;
    }

    /**
     * The client for device calls. It asks discovery for the issuer every run (the audience of its
     * assertions must be current) and records it for offline verification.
     */
    CareIdClient client() {
        if (client == null) {
            CareIdClient created = new CareIdClient(server(), deviceKey(), deviceId(), http, clock);
            rememberServer(server(), created.issuer());
            client = created;
        }
        return client;
    }

    /** A client that has not talked to the server yet, for provisioning (which needs no issuer). */
    CareIdClient provisioningClient(ECKey key, String id) {
        return new CareIdClient(server(), key, id, http, clock);
    }

    ProtectedResourceClient resources() {
        return new ProtectedResourceClient(server(), new DpopProofs(deviceKey(), clock), http, clock);
    }

    /** The JWKS cache of --server, or of the server this device last talked to when working offline. */
    JwksCache jwksCache(URI jwksServer) {
        URI jwksUri = URI.create(stripSlash(jwksServer.toString()) + "/.well-known/jwks.json");
        return new JwksCache(jwksUri, http, clock, JwksCache.DEFAULT_MIN_REFRESH_INTERVAL,
                JwksCache.DEFAULT_ALLOWED_SKEW, jwksCacheFile());
    }

    /** The issuer of the server, from the cache next to the key store or else from discovery (then cached). */
    String issuer(URI issuerServer) {
        return cachedIssuer(issuerServer).orElseGet(() -> client().issuer());
    }

    /** The server recorded next to the key store, for offline work without --server. */
    Optional<URI> cachedServer() {
        return readServerCache().map(json -> json.get("server")).map(Object::toString).map(URI::create);
    }

    /** Records the server and its issuer so later offline checks and assertions skip discovery. */
    void rememberServer(URI knownServer, String issuer) {
        try {
            Path file = serverCacheFile();
            OwnerOnlyFiles.write(file, JSONObjectUtils.toJSONString(
                    Map.of("server", stripSlash(knownServer.toString()), "issuer", issuer)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("Warning: cannot cache the server's issuer in " + serverCacheFile() + ": " + e.getMessage());
        }
    }

    TokenHolder savedToken(Path tokenFileOption) {
        return tokenFileOption != null
                ? TokenFile.load(tokenFileOption, clock, false)
                : TokenFile.load(tokenFile(), clock, true);
    }

    Clock clock() {
        return clock;
    }

    InputStream stdin() {
        return stdin;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    private Optional<String> cachedIssuer(URI forServer) {
        return readServerCache()
                .filter(json -> stripSlash(forServer.toString()).equals(json.get("server")))
                .map(json -> json.get("issuer"))
                .map(Object::toString);
    }

    private Optional<Map<String, Object>> readServerCache() {
        Path file = serverCacheFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // The cached issuer decides which tokens verify offline: trust it only when nobody else could write it.
            if (!OwnerOnlyFiles.isOwnerOnly(file)) {
                throw new CareIdException(Failure.BAD_INPUT, "Server cache " + file
                        + " can be read or written by other users; delete it or restrict it with: chmod 600 " + file);
            }
            return Optional.of(JSONObjectUtils.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | ParseException e) {
            return Optional.empty();
        }
    }

    private Path sibling(String suffix) {
        Path absolute = keyStore.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + suffix);
    }

    private static String stripSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
