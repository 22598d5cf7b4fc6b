package org.careid.identity;

/** Compares dotted numeric versions ("2.10.1" > "2.9"): missing parts count as 0. */
public final class SoftwareVersions {
    private SoftwareVersions() {}

    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long xi = i < x.length ? Long.parseLong(x[i]) : 0;
            long yi = i < y.length ? Long.parseLong(y[i]) : 0;
            if (xi != yi) {
                return Long.compare(xi, yi);
            }
        }
        return 0;
    }

    /** True when there is no minimum, or the reported version is known and at least the minimum. */
    public static boolean meets(String reported, String minimum) {
        return minimum == null || (reported != null && compare(reported, minimum) >= 0);
    }
}
