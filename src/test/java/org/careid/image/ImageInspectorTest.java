package org.careid.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.careid.face.image.FaceImageDecoder;
import org.careid.fingerprint.image.FingerprintImageDecoder;
import org.careid.fingerprint.image.GeneratedImages;
import org.careid.image.ImageException.Reason;
import org.careid.web.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared checks before decoding, on drawn and crafted files only. Nothing here loads OpenCV. */
class ImageInspectorTest {
    private static final Set<ImageFormat> ALL = EnumSet.allOf(ImageFormat.class);
    private static final ImageLimits LIMITS = new ImageLimits(10L * 1024 * 1024, 72_000_000L);

    private static ImageHeader inspect(byte[] bytes) {
        return ImageInspector.inspect(bytes, LIMITS, ALL, 1);
    }

    @Test
    void headersGiveDimensionsChannelsAndDepthBeforeDecoding() {
        BufferedImage grey = GeneratedImages.ridges(300, 200);
        assertEquals(new ImageHeader(ImageFormat.PNG, 300, 200, 1, 8, 1), inspect(GeneratedImages.encode(grey, "png")));
        assertEquals(new ImageHeader(ImageFormat.JPEG, 300, 200, 1, 8, 1), inspect(GeneratedImages.encode(grey, "jpg")));
        assertEquals(new ImageHeader(ImageFormat.TIFF, 300, 200, 1, 8, 1), inspect(GeneratedImages.encode(grey, "tiff")));
        BufferedImage colour = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        assertEquals(new ImageHeader(ImageFormat.PNG, 320, 240, 3, 8, 1), inspect(GeneratedImages.encode(colour, "png")));
        assertEquals(new ImageHeader(ImageFormat.JPEG, 320, 240, 3, 8, 1), inspect(GeneratedImages.encode(colour, "jpg")));
        assertEquals(new ImageHeader(ImageFormat.BMP, 320, 240, 3, 8, 1), inspect(GeneratedImages.encode(colour, "bmp")));
        assertEquals(new ImageHeader(ImageFormat.TIFF, 320, 240, 3, 8, 1), inspect(GeneratedImages.encode(colour, "tiff")));
        BufferedImage alpha = new BufferedImage(64, 80, BufferedImage.TYPE_INT_ARGB);
        assertEquals(new ImageHeader(ImageFormat.PNG, 64, 80, 4, 8, 1), inspect(GeneratedImages.encode(alpha, "png")));
        BufferedImage deep = new BufferedImage(64, 80, BufferedImage.TYPE_USHORT_GRAY);
        ImageHeader sixteen = inspect(GeneratedImages.encode(deep, "png"));
        assertEquals(16, sixteen.bitsPerSample());
        assertEquals(64L * 80 * 2, sixteen.decodedBytes());
    }

    @Test
    void everyFormatIsRecognisedFromItsMagicBytesAlone() {
        assertEquals(ImageFormat.PNG, ImageFormat.sniff(CraftedImages.png(10, 10)).orElseThrow());
        assertEquals(ImageFormat.JPEG, ImageFormat.sniff(CraftedImages.jpeg(10, 10)).orElseThrow());
        assertEquals(ImageFormat.BMP, ImageFormat.sniff(CraftedImages.bmp(10, 10)).orElseThrow());
        assertEquals(ImageFormat.TIFF, ImageFormat.sniff(CraftedImages.tiff(10, 10)).orElseThrow());
        assertEquals(ImageFormat.WEBP, ImageFormat.sniff(CraftedImages.webpExtended(10, 10)).orElseThrow());
        assertEquals(ImageFormat.WSQ, ImageFormat.sniff(CraftedImages.wsq(10, 10)).orElseThrow());
        assertTrue(ImageFormat.sniff("GIF89a.....".getBytes()).isEmpty());
        assertTrue(ImageFormat.sniff(new byte[] {'B'}).isEmpty());
    }

    @Test
    void headerDimensionsAreReadForEveryFormat() {
        for (byte[] crafted : new byte[][] {CraftedImages.png(1234, 567), CraftedImages.jpeg(1234, 567), CraftedImages.bmp(1234, 567),
                CraftedImages.tiff(1234, 567), CraftedImages.webpExtended(1234, 567), CraftedImages.wsq(1234, 567)}) {
            ImageHeader header = ImageHeaderReader.read(crafted);
            assertEquals(1234, header.width(), header.format().label());
            assertEquals(567, header.height(), header.format().label());
        }
    }

    /** Files of under 200 bytes declaring 60,000 x 60,000 pixels: refused from the header, at once. */
    @Test
    void hugeDeclaredRastersAreRefusedWithoutDecoding() {
        for (byte[] bomb : new byte[][] {CraftedImages.png(60_000, 60_000), CraftedImages.pngHeaderOnly(60_000, 60_000),
                CraftedImages.tiff(60_000, 60_000), CraftedImages.bmp(60_000, 60_000), CraftedImages.jpeg(60_000, 60_000),
                CraftedImages.wsq(60_000, 60_000), CraftedImages.webpExtended(60_000, 60_000)}) {
            assertTrue(bomb.length < 200);
            ImageTooLargeException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(ImageTooLargeException.class, () -> inspect(bomb)));
            assertEquals(Reason.TOO_MANY_DECODED_BYTES, e.reason());
            assertEquals(413, e.httpStatus());
            assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
        }
    }

    @Test
    void bothDecodersRefuseHeaderDeclaredBombsBeforeDecoding() {
        FaceImageDecoder face = FaceImageDecoder.withDefaults();
        for (byte[] bomb : new byte[][] {CraftedImages.png(30_000, 30_000), CraftedImages.webpExtended(30_000, 30_000),
                CraftedImages.jpeg(30_000, 30_000), CraftedImages.bmp(30_000, 30_000)}) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(ImageTooLargeException.class, () -> face.decode(bomb)));
        }
        FingerprintImageDecoder fingerprint = new FingerprintImageDecoder(FingerprintImageDecoder.DEFAULT_LIMITS);
        for (byte[] bomb : new byte[][] {CraftedImages.png(30_000, 30_000), CraftedImages.tiff(30_000, 30_000),
                CraftedImages.wsq(30_000, 30_000), CraftedImages.jpeg(30_000, 30_000)}) {
            assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(ImageTooLargeException.class, () -> fingerprint.decode(bomb)));
        }
    }

    @Test
    void decodedSizeCountsChannelsAndBytesPerSample() {
        ImageLimits limits = new ImageLimits(10L * 1024 * 1024, 16_000_000L);
        // 2000 x 2000 pixels: 4 MB as 8-bit grey, 12 MB as RGB, 32 MB as 16-bit RGBA
        assertEquals(4_000_000L, ImageInspector.inspect(CraftedImages.png(2000, 2000, 8, 0), limits, ALL, 1).decodedBytes());
        assertEquals(12_000_000L, ImageInspector.inspect(CraftedImages.png(2000, 2000, 8, 2), limits, ALL, 1).decodedBytes());
        assertThrows(ImageTooLargeException.class, () -> ImageInspector.inspect(CraftedImages.png(2000, 2000, 16, 6), limits, ALL, 1));
        // the raster the caller decodes into counts too: 4 Mpixels of grey become 12 MB of BGR
        ImageLimits tight = new ImageLimits(1024, 10_000_000L);
        ImageInspector.inspect(CraftedImages.png(2000, 2000, 8, 0), tight, ALL, 1);
        assertThrows(ImageTooLargeException.class, () -> ImageInspector.inspect(CraftedImages.png(2000, 2000, 8, 0), tight, ALL, 3));
    }

    @Test
    void onlyTheWebpMagicIsRefusedAsCorrupt() {
        byte[] magic = CraftedImages.webpMagicOnly();
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> inspect(magic));
        assertEquals(422, e.httpStatus());
        assertThrows(CorruptImageException.class, () -> FaceImageDecoder.withDefaults().decode(magic));
        byte[] emptyRiff = Arrays.copyOf(magic, magic.length);
        emptyRiff[4] = 4; // RIFF size covering only "WEBP": no image chunk at all
        emptyRiff[5] = emptyRiff[6] = emptyRiff[7] = 0;
        assertEquals(Reason.CORRUPT, assertThrows(CorruptImageException.class, () -> inspect(emptyRiff)).reason());
    }

    @Test
    void aWebpChunkDeclaringMoreThanTheFileIsRefusedWithoutAllocatingIt() {
        // found by the fuzz test: a VP8L chunk of 484 bytes declaring 620 MB
        byte[] b = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes()).putInt(56).put("WEBP".getBytes()).put("VP8L".getBytes()).putInt(0x25000401).array();
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        assertThrows(CorruptImageException.class, () -> inspect(b)); // classes loaded before measuring
        long before = threads.getCurrentThreadAllocatedBytes();
        assertEquals(Reason.TRUNCATED, assertThrows(CorruptImageException.class, () -> inspect(b)).reason());
        assertTrue(threads.getCurrentThreadAllocatedBytes() - before < 10_000_000L, "allocation stays small");
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "bmp", "tiff"})
    void truncatedFilesAreRefusedBeforeDecoding(String format) {
        byte[] whole = GeneratedImages.encode(GeneratedImages.noise(200, 200, 3), format);
        inspect(whole);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> inspect(half));
        assertTrue(e.reason() == Reason.TRUNCATED || e.reason() == Reason.CORRUPT, format + ": " + e.reason());
        byte[] headerOnly = Arrays.copyOf(whole, 12);
        assertThrows(CorruptImageException.class, () -> inspect(headerOnly), format + " header only");
    }

    @Test
    void truncatedCraftedFilesAreRefused() {
        assertEquals(Reason.TRUNCATED, assertThrows(CorruptImageException.class,
                () -> inspect(CraftedImages.pngHeaderOnly(100, 100))).reason());
        byte[] wsq = CraftedImages.wsq(100, 100); // a frame header but no end-of-image marker
        assertEquals(Reason.TRUNCATED, assertThrows(CorruptImageException.class, () -> inspect(wsq)).reason());
        byte[] webp = CraftedImages.webpExtended(100, 100);
        assertEquals(Reason.TRUNCATED, assertThrows(CorruptImageException.class,
                () -> inspect(Arrays.copyOf(webp, webp.length - 4))).reason());
    }

    @Test
    void wrongTypesAreUnsupported() {
        assertEquals(Reason.EMPTY, assertThrows(UnsupportedImageException.class, () -> inspect(new byte[0])).reason());
        assertEquals(Reason.EMPTY, assertThrows(UnsupportedImageException.class, () -> inspect(null)).reason());
        byte[] random = new byte[5000];
        new Random(1).nextBytes(random);
        random[0] = 0x12;
        for (byte[] wrong : new byte[][] {new byte[4096], random, "GIF89a....".getBytes(), "not an image at all".getBytes()}) {
            UnsupportedImageException e = assertThrows(UnsupportedImageException.class, () -> inspect(wrong));
            assertEquals(Reason.UNSUPPORTED_FORMAT, e.reason());
            assertEquals(422, e.httpStatus());
        }
        // a real format that the modality does not take
        UnsupportedImageException tiffForFace = assertThrows(UnsupportedImageException.class,
                () -> FaceImageDecoder.withDefaults().decode(GeneratedImages.encode(GeneratedImages.ridges(100, 100), "tiff")));
        assertEquals("not a JPEG, PNG, BMP or WebP image", tiffForFace.getMessage());
        assertThrows(UnsupportedImageException.class,
                () -> new FingerprintImageDecoder(FingerprintImageDecoder.DEFAULT_LIMITS).decode(CraftedImages.webpExtended(100, 100)));
    }

    @Test
    void byteLimitIsCheckedFirst() {
        ImageLimits small = new ImageLimits(1000, 72_000_000L);
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> ImageInspector.inspect(new byte[1001], small, ALL, 3));
        assertEquals(Reason.TOO_MANY_BYTES, e.reason());
        assertThrows(ImageTooLargeException.class,
                () -> new FingerprintImageDecoder(small).decode(GeneratedImages.encode(GeneratedImages.noise(100, 100, 4), "png")));
    }

    @Test
    void exifOrientationIsReadFromTheHeader() {
        byte[] jpeg = GeneratedImages.encode(GeneratedImages.ridges(200, 100), "jpg");
        assertEquals(1, inspect(jpeg).orientation());
        assertEquals(6, inspect(CraftedImages.withExifOrientation(jpeg, 6)).orientation());
        assertEquals(1, inspect(CraftedImages.withExifOrientation(jpeg, 42)).orientation(), "out of range: as stored");
    }

    @Test
    void refusedImagesAreProblemsWithTheirStatusAndReason() {
        ImageProblemMapper mapper = new ImageProblemMapper();
        Response tooLarge = mapper.image(new ImageTooLargeException(Reason.TOO_MANY_DECODED_BYTES, "too big"));
        assertEquals(413, tooLarge.getStatus());
        Problem problem = (Problem) tooLarge.getEntity();
        assertEquals("Image too large", problem.title());
        assertEquals("TOO_MANY_DECODED_BYTES", problem.extensions().get("reason"));
        Response truncated = mapper.image(CorruptImageException.truncated("cut short"));
        assertEquals(422, truncated.getStatus());
        assertEquals("TRUNCATED", ((Problem) truncated.getEntity()).extensions().get("reason"));
        assertEquals(422, mapper.image(new ImageTooSmallException("tiny")).getStatus());
        assertEquals(422, mapper.image(new UnsupportedImageException(Reason.UNSUPPORTED_FORMAT, "gif")).getStatus());
    }
}
