package org.careid.image;

/**
 * Loads the OpenPNP OpenCV native library once per JVM. Every class that creates OpenCV objects from
 * bytes or pixels calls {@link #ensureLoaded()} first, so no caller depends on someone else having
 * loaded it (a fresh JVM never meets an UnsatisfiedLinkError).
 */
public final class OpenCvLoader {

    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    /** Idempotent and thread-safe; cheap after the first call. */
    public static void ensureLoaded() {
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
