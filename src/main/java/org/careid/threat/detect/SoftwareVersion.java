package org.careid.threat.detect;

/** Compares dotted version strings numerically ("2.10.0" > "2.9.3"); non-numeric parts count as 0. */
final class SoftwareVersion {
    private SoftwareVersion() {}

    static int compare(String a, String b) {
        String[] x = a.trim().split("[.\\-+]");
        String[] y = b.trim().split("[.\\-+]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int part(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
