package org.careid.face.detect;

import org.opencv.core.Mat;

/**
 * The 112x112 aligned BGR crop of a face and the share of its inner face region (eyes to chin) that
 * came from inside the photo; a low share means the face is cut off by the frame. Owns native
 * memory: close it.
 */
public record AlignedFace(Mat crop, double insideFraction) implements AutoCloseable {

    @Override
    public void close() {
        crop.release();
    }
}
