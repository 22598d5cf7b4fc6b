package org.careid.fingerprint.image;

/**
 * A decoded 8-bit grey fingerprint image, row-major, one byte per pixel (0 = black ridge, 255 = white).
 * The pixel array is owned by this record; callers must not modify it.
 */
public record GreyscaleImage(int width, int height, byte[] pixels) {
    public GreyscaleImage {
        if (width <= 0 || height <= 0 || pixels == null || pixels.length != width * height) {
            throw new IllegalArgumentException("pixel buffer does not match " + width + "x" + height);
        }
    }
}
