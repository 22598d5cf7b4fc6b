package org.careid.face.image;

/**
 * What the container header declares, read without decoding pixels: format, dimensions and (JPEG
 * only) the EXIF orientation tag (1..8, 1 = as stored).
 */
public record ImageHeader(ImageFormat format, int width, int height, int exifOrientation) {

    public long pixels() {
        return (long) width * height;
    }
}
