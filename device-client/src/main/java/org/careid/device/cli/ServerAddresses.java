package org.careid.device.cli;

import java.net.URI;
import java.util.Locale;

/** Which server addresses may be reached over plain http: only this machine's own loopback. */
final class ServerAddresses {
    private ServerAddresses() {
    }

    /** True for localhost, 127.0.0.0/8 and ::1, judged from the URL alone (no name lookup). */
    static boolean isLoopback(URI server) {
        String host = server.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1") || host.matches("127(\\.\\d{1,3}){3}");
    }
}
