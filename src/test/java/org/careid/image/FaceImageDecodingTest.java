package org.careid.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Photos through the shared checks into upright BGR (face preparation). The test draws with OpenCV itself. */
class FaceImageDecodingTest {

    private final FaceImageDecoder decoder = FaceImageDecoder.withDefaults();

    /** 200x100 grey picture with a red square in the top-left corner. */
    static Mat drawn() {
        OpenCvLoader.ensureLoaded(); // this test creates OpenCV objects before any decoder runs
        Mat m = new Mat(100, 200, CvType.CV_8UC3, new Scalar(128, 128, 128));
        Imgproc.rectangle(m, new Point(0, 0), new Point(29, 29), new Scalar(0, 0, 255), -1);
        return m;
    }

    static byte[] encode(Mat m, String ext) {
        MatOfByte buf = new MatOfByte();
        assertTrue(Imgcodecs.imencode(ext, m, buf));
        return buf.toArray();
    }

    @Test
    void decodesEveryAcceptedFormatFromItsBytes() {
        for (String ext : new String[] {".jpg", ".png", ".webp", ".bmp"}) {
            byte[] bytes = encode(drawn(), ext);
            try (DecodedImage img = decoder.decode(bytes)) {
                assertEquals(200, img.width(), ext);
                assertEquals(100, img.height(), ext);
                assertEquals(3, img.header().channels(), ext);
                double[] corner = img.bgr().get(5, 5);
                assertTrue(corner[2] > 200 && corner[0] < 60, ext + " red corner kept: " + Arrays.toString(corner));
            }
        }
    }

    @Test
    void webpIsRecognisedByMagicBytesWhateverItIsCalled() {
        // what an upload named "photo.jpg" with content type image/jpeg may really contain
        byte[] webp = encode(drawn(), ".webp");
        assertEquals(ImageFormat.WEBP, ImageHeaderReader.read(webp).format());
        try (DecodedImage img = decoder.decode(webp)) {
            assertEquals(ImageFormat.WEBP, img.header().format());
        }
    }

    @Test
    void truncatedPhotosOfEveryAcceptedFormatAreRefused() {
        for (String ext : new String[] {".jpg", ".png", ".webp", ".bmp"}) {
            byte[] full = encode(drawn(), ext);
            byte[] half = Arrays.copyOf(full, full.length / 2);
            ImageException e = assertThrows(CorruptImageException.class, () -> decoder.decode(half), ext);
            assertTrue(e.reason() == ImageException.Reason.TRUNCATED || e.reason() == ImageException.Reason.CORRUPT, ext + ": " + e.reason());
            byte[] headerOnly = Arrays.copyOf(full, 12);
            assertThrows(CorruptImageException.class, () -> decoder.decode(headerOnly), ext + " header only");
        }
    }

    @Test
    void aJpegSignatureFollowedByGarbageIsCorrupt() {
        byte[] garbage = new byte[2000];
        new java.util.Random(3).nextBytes(garbage);
        garbage[0] = (byte) 0xff;
        garbage[1] = (byte) 0xd8;
        garbage[2] = (byte) 0xff;
        assertThrows(CorruptImageException.class, () -> decoder.decode(garbage));
    }

    @Test
    void exifOrientationIsApplied() {
        byte[] jpeg = CraftedImages.withExifOrientation(encode(drawn(), ".jpg"), 6); // 6 = rotate 90 degrees clockwise
        assertEquals(6, ImageHeaderReader.read(jpeg).orientation());
        try (DecodedImage img = decoder.decode(jpeg)) {
            assertEquals(100, img.width());
            assertEquals(200, img.height());
            // top-left red corner of the stored picture ends up top-right once upright
            assertTrue(img.bgr().get(5, 94)[2] > 200, "red corner moved to the top right");
            assertTrue(img.bgr().get(5, 5)[2] < 200, "top left is grey now");
        }
    }

    @Test
    void orientationsMapAsExifDefines() {
        OpenCvLoader.ensureLoaded();
        Mat m = new Mat(2, 3, CvType.CV_8UC1);
        m.put(0, 0, new byte[] {1, 2, 3, 4, 5, 6});
        Mat r = FaceImageDecoder.applyOrientation(m.clone(), 8); // 90 degrees counter-clockwise
        byte[] out = new byte[6];
        r.get(0, 0, out);
        assertEquals(3, r.rows());
        assertArrayEquals(new byte[] {3, 6, 2, 5, 1, 4}, out);
    }
}
