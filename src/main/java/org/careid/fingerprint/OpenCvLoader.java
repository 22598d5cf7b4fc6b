package org.careid.fingerprint;

/** Loads the OpenPNP OpenCV native library once per JVM. */
final class OpenCvLoader {
    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    static void ensureLoaded() {
        if (!loaded) {
            synchronized (OpenCvLoader.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }
}
