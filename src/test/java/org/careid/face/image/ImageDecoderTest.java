package org.careid.face.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.careid.face.image.ImageRejectedException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class ImageDecoderTest {

    private final ImageDecoder decoder = ImageDecoder.withDefaults();

    @BeforeAll
    static void opencv() {
        OpenCvLoader.ensureLoaded();
    }

    /** 200x100 grey picture with a red square in the top-left corner. */
    static Mat drawn() {
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
    void emptyAndZeroBytesAreRefused() {
        assertEquals(Reason.EMPTY, assertThrows(InvalidImageException.class, () -> decoder.decode(new byte[0])).reason());
        assertEquals(Reason.EMPTY, assertThrows(InvalidImageException.class, () -> decoder.decode(null)).reason());
        ImageRejectedException zeros = assertThrows(InvalidImageException.class, () -> decoder.decode(new byte[4096]));
        assertEquals(Reason.UNSUPPORTED_FORMAT, zeros.reason());
        assertEquals(422, zeros.httpStatus());
    }

    @Test
    void corruptBytesAreRefused() {
        byte[] text = "this is not an image at all, just text".getBytes();
        assertEquals(Reason.UNSUPPORTED_FORMAT, assertThrows(InvalidImageException.class, () -> decoder.decode(text)).reason());
        // a JPEG signature followed by garbage
        byte[] garbage = new byte[2000];
        new java.util.Random(3).nextBytes(garbage);
        garbage[0] = (byte) 0xff;
        garbage[1] = (byte) 0xd8;
        garbage[2] = (byte) 0xff;
        assertThrows(InvalidImageException.class, () -> decoder.decode(garbage));
    }

    @Test
    void truncatedFilesAreRefused() {
        for (String ext : new String[] {".jpg", ".png", ".webp", ".bmp"}) {
            byte[] full = encode(drawn(), ext);
            byte[] half = Arrays.copyOf(full, full.length / 2);
            ImageRejectedException e = assertThrows(InvalidImageException.class, () -> decoder.decode(half), ext);
            assertTrue(e.reason() == Reason.TRUNCATED || e.reason() == Reason.CORRUPT, ext + ": " + e.reason());
            byte[] headerOnly = Arrays.copyOf(full, 12);
            assertThrows(InvalidImageException.class, () -> decoder.decode(headerOnly), ext + " header only");
        }
    }

    @Test
    void hugeDeclaredDimensionsAreRefusedBeforeDecoding() {
        byte[] bomb = pngHeader(30000, 30000);
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> decoder.decode(bomb));
        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        assertEquals(413, e.httpStatus());
        assertTrue(e.getMessage().contains("30000x30000"));
    }

    @Test
    void byteLimitIsCheckedFirst() {
        ImageDecoder small = new ImageDecoder(1000, 24_000_000);
        byte[] big = new byte[1001];
        assertEquals(Reason.TOO_MANY_BYTES, assertThrows(ImageTooLargeException.class, () -> small.decode(big)).reason());
    }

    @Test
    void exifOrientationIsApplied() {
        byte[] jpeg = withExifOrientation(encode(drawn(), ".jpg"), 6); // 6 = rotate 90 degrees clockwise
        assertEquals(6, ImageHeaderReader.read(jpeg).exifOrientation());
        try (DecodedImage img = decoder.decode(jpeg)) {
            assertEquals(100, img.width());
            assertEquals(200, img.height());
            // top-left red corner of the stored picture ends up top-right once upright
            assertTrue(img.bgr().get(5, 94)[2] > 200, "red corner moved to the top right");
            assertTrue(img.bgr().get(5, 5)[2] < 200, "top left is grey now");
        }
        byte[] plain = encode(drawn(), ".jpg");
        assertEquals(1, ImageHeaderReader.read(plain).exifOrientation());
    }

    @Test
    void orientationsMapAsExifDefines() {
        Mat m = new Mat(2, 3, CvType.CV_8UC1);
        m.put(0, 0, new byte[] {1, 2, 3, 4, 5, 6});
        Mat r = ImageDecoder.applyOrientation(m.clone(), 8); // 90 degrees counter-clockwise
        byte[] out = new byte[6];
        r.get(0, 0, out);
        assertEquals(3, r.rows());
        assertArrayEquals(new byte[] {3, 6, 2, 5, 1, 4}, out);
    }

    /** A PNG signature + IHDR declaring the size, then an IEND: never decoded, only its header read. */
    static byte[] pngHeader(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        byte[] ihdr = new byte[13];
        putBe32(ihdr, 0, w);
        putBe32(ihdr, 4, h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        putBe32(len, 0, data.length);
        out.writeBytes(len);
        byte[] t = type.getBytes();
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        putBe32(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putBe32(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, IFD0 with one Orientation entry) after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1
            0, 0, 0, 0 // no next IFD
        };
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        out.write(0xff);
        out.write(0xe1);
        int len = exif.length + 2;
        out.write(len >>> 8);
        out.write(len & 0xff);
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
