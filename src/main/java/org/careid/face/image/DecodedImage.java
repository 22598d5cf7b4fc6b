package org.careid.face.image;

import org.careid.image.ImageHeader;
import org.opencv.core.Mat;

/**
 * An upright 8-bit BGR image and the header it came from. Owns native memory: {@link #close()} it
 * (try-with-resources) when done.
 */
public record DecodedImage(Mat bgr, ImageHeader header) implements AutoCloseable {

    public int width() {
        return bgr.cols();
    }

    public int height() {
        return bgr.rows();
    }

    @Override
    public void close() {
        bgr.release();
    }
}
