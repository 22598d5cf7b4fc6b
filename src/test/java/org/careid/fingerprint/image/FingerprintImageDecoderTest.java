package org.careid.fingerprint.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.careid.fingerprint.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintImageDecoderTest {
    private final FingerprintImageDecoder decoder = new FingerprintImageDecoder(FingerprintImageLimits.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "tiff"})
    void losslessFormatsDecodeToTheSameGreyPixels(String format) {
        BufferedImage drawn = GeneratedImages.ridges(300, 360);
        GreyscaleImage decoded = decoder.decode(GeneratedImages.encode(drawn, format));
        assertEquals(300, decoded.width());
        assertEquals(360, decoded.height());
        byte[] expected = new byte[300 * 360];
        drawn.getRaster().getDataElements(0, 0, 300, 360, expected);
        assertArrayEquals(expected, decoded.pixels());
    }

    @Test
    void jpegDecodesWithItsDimensions() {
        byte[] jpeg = GeneratedImages.encode(GeneratedImages.ridges(320, 240), "jpg");
        assertEquals(FingerprintImageFormat.JPEG, FingerprintImageFormat.detect(jpeg).orElseThrow());
        GreyscaleImage decoded = decoder.decode(jpeg);
        assertEquals(320, decoded.width());
        assertEquals(240, decoded.height());
    }

    @Test
    void colourImagesBecomeGrey() {
        BufferedImage colour = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(10, 10, 0x808080);
        GreyscaleImage decoded = decoder.decode(GeneratedImages.encode(colour, "png"));
        assertEquals(0x80, decoded.pixels()[10 * 100 + 10] & 0xff, 1);
        assertEquals(0, decoded.pixels()[0]);
    }

    @Test
    void emptyAndUnknownBytesAreUnsupported() {
        assertThrows(UnsupportedFingerprintFormatException.class, () -> decoder.decode(new byte[0]));
        assertThrows(UnsupportedFingerprintFormatException.class, () -> decoder.decode(null));
        byte[] random = new byte[5000];
        new Random(1).nextBytes(random);
        random[0] = 0x12;
        assertThrows(UnsupportedFingerprintFormatException.class, () -> decoder.decode(random));
        assertThrows(UnsupportedFingerprintFormatException.class, () -> decoder.decode("GIF89a....".getBytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "bmp", "tiff"})
    void truncatedImagesAreCorrupt(String format) {
        byte[] whole = GeneratedImages.encode(GeneratedImages.noise(200, 200, 3), format);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 3);
        assertThrows(CorruptFingerprintImageException.class, () -> decoder.decode(truncated));
        byte[] headerOnly = Arrays.copyOf(whole, 12);
        assertThrows(FingerprintImageException.class, () -> decoder.decode(headerOnly));
    }

    @Test
    void corruptDataAfterAValidSignatureIsRefused() {
        byte[] png = GeneratedImages.encode(GeneratedImages.ridges(200, 200), "png");
        for (int i = 40; i < png.length - 20; i += 7) {
            png[i] ^= 0x5a;
        }
        assertThrows(CorruptFingerprintImageException.class, () -> decoder.decode(png));
    }

    @Test
    void tooManyBytesAreRefusedBeforeDecoding() {
        FingerprintImageDecoder small = new FingerprintImageDecoder(new FingerprintImageLimits(1000, 16_000_000, 64));
        byte[] png = GeneratedImages.encode(GeneratedImages.noise(100, 100, 4), "png");
        assertThrows(FingerprintImageTooLargeException.class, () -> small.decode(png));
    }

    @Test
    void tinyImagesAreRefused() {
        byte[] png = GeneratedImages.encode(GeneratedImages.ridges(20, 20), "png");
        assertThrows(CorruptFingerprintImageException.class, () -> decoder.decode(png));
    }

    /** Headers declaring 60,000 x 60,000 pixels with almost no data: refused from the header, at once. */
    @Test
    void hugeDeclaredDimensionsAreRefusedWithoutDecoding() {
        for (byte[] bomb : new byte[][] {pngHeader(60_000, 60_000), bmpHeader(60_000, 60_000), tiffHeader(60_000, 60_000),
                jpegHeader(60_000, 60_000), wsqHeader(60_000, 60_000)}) {
            assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(FingerprintImageTooLargeException.class, () -> decoder.decode(bomb)));
        }
    }

    @Test
    void headerDimensionsAreReadForEveryFormat() {
        assertEquals(new ImageDimensions(1234, 567), ImageHeaderReader.read(pngHeader(1234, 567), FingerprintImageFormat.PNG));
        assertEquals(new ImageDimensions(1234, 567), ImageHeaderReader.read(bmpHeader(1234, 567), FingerprintImageFormat.BMP));
        assertEquals(new ImageDimensions(1234, 567), ImageHeaderReader.read(tiffHeader(1234, 567), FingerprintImageFormat.TIFF));
        assertEquals(new ImageDimensions(1234, 567), ImageHeaderReader.read(jpegHeader(1234, 567), FingerprintImageFormat.JPEG));
        assertEquals(new ImageDimensions(1234, 567), ImageHeaderReader.read(wsqHeader(1234, 567), FingerprintImageFormat.WSQ));
    }

    @Test
    void wsqSampleDecodesLikeItsPngConversion() {
        Path folder = TestData.datasets("fingerprint-samples/sourceafis_wsq_sample");
        GreyscaleImage wsq = decoder.decode(TestData.read(folder.resolve("wsq-original.wsq")));
        GreyscaleImage png = decoder.decode(TestData.read(folder.resolve("wsq-converted.png")));
        assertEquals(png.width(), wsq.width());
        assertEquals(png.height(), wsq.height());
        double difference = 0;
        for (int i = 0; i < wsq.pixels().length; i++) {
            difference += Math.abs((wsq.pixels()[i] & 0xff) - (png.pixels()[i] & 0xff));
        }
        assertEquals(0, difference / wsq.pixels().length, 2.0, "mean absolute grey difference");
    }

    @Test
    void truncatedWsqIsCorrupt() {
        Path folder = TestData.datasets("fingerprint-samples/sourceafis_wsq_sample");
        byte[] wsq = TestData.read(folder.resolve("wsq-original.wsq"));
        assertThrows(CorruptFingerprintImageException.class, () -> decoder.decode(Arrays.copyOf(wsq, wsq.length / 2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe.png", "probe.bmp", "probe.jpeg"})
    void sourceAfisSamplesDecodeInEveryFormat(String file) {
        Path folder = TestData.datasets("fingerprint-samples/sourceafis_probe_finger");
        GreyscaleImage decoded = decoder.decode(TestData.read(folder.resolve(file)));
        GreyscaleImage reference = decoder.decode(TestData.read(folder.resolve("probe.png")));
        assertEquals(reference.width(), decoded.width());
        assertEquals(reference.height(), decoded.height());
    }

    @Test
    void fvcTiffDecodes() {
        GreyscaleImage decoded = decoder.decode(TestData.fvc("fvc2002_db1_b_101", 1));
        assertEquals(388, decoded.width());
        assertEquals(374, decoded.height());
    }

    // --- crafted headers ---

    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update("IHDR".getBytes());
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 25).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).putInt(13)
                .put("IHDR".getBytes()).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    static byte[] bmpHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(70).putInt(0).putInt(54);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    static byte[] tiffHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 8 * 12 + 4 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 8);
        entry(b, 256, 4, width);       // ImageWidth
        entry(b, 257, 4, height);      // ImageLength
        entry(b, 258, 3, 8);           // BitsPerSample
        entry(b, 259, 3, 1);           // Compression none
        entry(b, 262, 3, 1);           // BlackIsZero
        entry(b, 273, 4, 118);         // StripOffsets
        entry(b, 278, 4, height);      // RowsPerStrip
        entry(b, 279, 4, 16);          // StripByteCounts
        b.putInt(0);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    static byte[] jpegHeader(int width, int height) {
        return ByteBuffer.allocate(2 + 2 + 17 + 2).put(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xc0})
                .putShort((short) 17).put((byte) 8).putShort((short) height).putShort((short) width).put((byte) 3)
                .put(new byte[] {1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}).put(new byte[] {(byte) 0xff, (byte) 0xd9}).array();
    }

    static byte[] wsqHeader(int width, int height) {
        // SOI, a comment segment, then the frame header (SOF): length, black, white, height, width, ...
        return ByteBuffer.allocate(2 + 8 + 2 + 19).put(new byte[] {(byte) 0xff, (byte) 0xa0})
                .put(new byte[] {(byte) 0xff, (byte) 0xa8}).putShort((short) 6).put("test".getBytes())
                .put(new byte[] {(byte) 0xff, (byte) 0xa2}).putShort((short) 19).put((byte) 0).put((byte) 255)
                .putShort((short) height).putShort((short) width).put(new byte[11]).array();
    }
}
