package org.careid.image;

/**
 * What a container header declares, read without decoding a pixel.
 *
 * @param channels samples per pixel a decoder produces (palette images count their expanded colours)
 * @param bitsPerSample bits of one sample as stored (1..16)
 * @param orientation EXIF orientation 1..8 (1 = as stored; JPEG, WebP and TIFF carry it)
 */
public record ImageHeader(ImageFormat format, int width, int height, int channels, int bitsPerSample, int orientation) {

    public long pixels() {
        return (long) width * height;
    }

    /** Bytes of one sample once decoded: 1 up to 8 bits, 2 up to 16. */
    public int bytesPerSample() {
        return Math.max(1, (bitsPerSample + 7) / 8);
    }

    /** Size of the raster as the header declares it: width x height x channels x bytes per sample. */
    public long decodedBytes() {
        return pixels() * channels * bytesPerSample();
    }
}
