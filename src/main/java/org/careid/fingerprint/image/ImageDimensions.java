package org.careid.fingerprint.image;

/** Width and height as declared by an image header, read before any pixel is decoded. */
public record ImageDimensions(int width, int height) {
    public long pixels() {
        return (long) width * height;
    }
}
