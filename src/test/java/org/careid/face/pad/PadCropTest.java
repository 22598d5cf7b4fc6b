package org.careid.face.pad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.careid.face.detect.DetectedFace;
import org.careid.image.OpenCvLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** The upstream context crop on drawn images: scale about the centre, shift inside, cap by the image. */
class PadCropTest {

    private static final double[] NO_LANDMARKS = new double[10];

    @BeforeAll
    static void opencv() {
        OpenCvLoader.ensureLoaded();
    }

    private static DetectedFace box(double x, double y, double w, double h) {
        return new DetectedFace(x, y, w, h, NO_LANDMARKS, 0.9);
    }

    @Test
    void boxIsScaledAboutTheFaceCentre() {
        Rect r = PadCrop.box(640, 480, box(270, 190, 100, 100), 2.7);
        // 270 px wide around the centre (320, 240), right/bottom pixel included as upstream
        assertEquals(new Rect(185, 105, 271, 271), r);
    }

    @Test
    void boxNearAnEdgeIsShiftedInsideNotClamped() {
        Rect left = PadCrop.box(640, 480, box(10, 190, 100, 100), 2.7);
        assertEquals(0, left.x);
        assertEquals(271, left.width, "keeps its size");
        Rect bottomRight = PadCrop.box(640, 480, box(560, 400, 70, 70), 2.7);
        assertEquals(639, bottomRight.x + bottomRight.width - 1);
        assertEquals(479, bottomRight.y + bottomRight.height - 1);
        assertEquals(bottomRight.width, bottomRight.height, "square box stays square");
    }

    @Test
    void scaleIsCappedByTheImage() {
        // 4.0 x 200 px = 800 px does not fit 480 rows: s = 479 / 200
        Rect r = PadCrop.box(640, 480, box(220, 140, 200, 200), 4.0);
        assertEquals(0, r.y);
        assertEquals(480, r.height);
        assertEquals(480, r.width);
        // a tight crop (face fills the image): s = 124 / 118, the whole height, the box's aspect kept
        Rect tight = PadCrop.box(125, 125, box(5, 5, 115, 118), 2.7);
        assertEquals(new Rect(2, 0, 121, 125), tight);
    }

    @Test
    void cropShowsTheFaceAtOneOverScaleOfTheSide() {
        Mat img = new Mat(480, 640, CvType.CV_8UC3, new Scalar(200, 40, 40));
        Imgproc.rectangle(img, new Point(270, 190), new Point(369, 289), new Scalar(20, 180, 250), -1);
        Mat crop = PadCrop.crop(img, box(270, 190, 100, 100), 2.7);
        try {
            assertEquals(PadCrop.SIDE, crop.cols());
            assertEquals(PadCrop.SIDE, crop.rows());
            assertArrayEquals(new double[] {20, 180, 250}, crop.get(40, 40), 1, "face at the centre");
            double edge = PadCrop.SIDE * (0.5 - 0.5 / 2.7); // 25.2 px: where the face starts in the crop
            assertArrayEquals(new double[] {20, 180, 250}, crop.get(40, (int) Math.ceil(edge) + 1), 1, "inside the face");
            assertArrayEquals(new double[] {200, 40, 40}, crop.get(40, (int) Math.floor(edge) - 2), 1, "context around it");
            Mat wider = PadCrop.crop(img, box(270, 190, 100, 100), 4.0);
            double widerEdge = PadCrop.SIDE * (0.5 - 0.5 / 4.0); // 30 px
            assertArrayEquals(new double[] {200, 40, 40}, wider.get(40, (int) widerEdge - 2), 1, "4.0x shows more context");
            wider.release();
        } finally {
            crop.release();
            img.release();
        }
    }

    @Test
    void tensorIsBgrPlanesRaw0To255() {
        Mat crop = new Mat(PadCrop.SIDE, PadCrop.SIDE, CvType.CV_8UC3, new Scalar(10, 20, 30));
        crop.put(0, 1, new byte[] {(byte) 255, 0, 7});
        float[] t = PadCrop.tensor(crop);
        int plane = PadCrop.SIDE * PadCrop.SIDE;
        assertEquals(3 * plane, t.length);
        assertEquals(10f, t[0]);
        assertEquals(20f, t[plane]);
        assertEquals(30f, t[2 * plane]);
        assertEquals(255f, t[1], "no scaling, blue plane first");
        assertEquals(7f, t[2 * plane + 1]);
        crop.release();
        Mat wrong = new Mat(112, 112, CvType.CV_8UC3);
        assertThrows(IllegalArgumentException.class, () -> PadCrop.tensor(wrong));
        wrong.release();
    }
}
