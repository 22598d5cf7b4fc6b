package org.careid.fingerprint.image;

/**
 * Decode limits. Defaults match the face pipeline's intent: a reader image is well below 1 MB and
 * 1 Mpixel (500 dpi, about 25 x 30 mm), so 10 MiB and 16 Mpixels leave room for 1000 dpi slaps
 * while refusing decompression bombs.
 */
public record FingerprintImageLimits(long maxBytes, long maxPixels, int minSide) {
    public static final FingerprintImageLimits DEFAULT = new FingerprintImageLimits(10L * 1024 * 1024, 16_000_000L, 64);
}
