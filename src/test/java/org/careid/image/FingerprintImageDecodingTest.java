package org.careid.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.careid.fingerprint.TestData;
import org.careid.fingerprint.image.FingerprintImageDecoder;
import org.careid.fingerprint.image.GeneratedImages;
import org.careid.fingerprint.image.GreyscaleImage;
import org.careid.image.ImageException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fingerprint images through the shared checks into 8-bit grey (fingerprint preparation). */
class FingerprintImageDecodingTest {
    private final FingerprintImageDecoder decoder = new FingerprintImageDecoder(FingerprintImageDecoder.DEFAULT_LIMITS);

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
        GreyscaleImage decoded = decoder.decode(GeneratedImages.encode(GeneratedImages.ridges(320, 240), "jpg"));
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

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "bmp", "tiff"})
    void truncatedImagesAreCorrupt(String format) {
        byte[] whole = GeneratedImages.encode(GeneratedImages.noise(200, 200, 3), format);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 3);
        assertThrows(CorruptImageException.class, () -> decoder.decode(truncated));
        byte[] headerOnly = Arrays.copyOf(whole, 12);
        assertThrows(ImageException.class, () -> decoder.decode(headerOnly));
    }

    @Test
    void corruptDataAfterAValidSignatureIsRefused() {
        byte[] png = GeneratedImages.encode(GeneratedImages.ridges(200, 200), "png");
        for (int i = 40; i < png.length - 20; i += 7) {
            png[i] ^= 0x5a;
        }
        assertThrows(CorruptImageException.class, () -> decoder.decode(png));
    }

    @Test
    void tinyImagesAreTooSmall() {
        byte[] png = GeneratedImages.encode(GeneratedImages.ridges(20, 20), "png");
        assertEquals(Reason.TOO_SMALL, assertThrows(ImageTooSmallException.class, () -> decoder.decode(png)).reason());
    }

    @Test
    void wsqSampleDecodesLikeItsPngConversion() {
        Path folder = TestData.datasets("fingerprint-samples/sourceafis_wsq_sample");
        byte[] wsqBytes = TestData.read(folder.resolve("wsq-original.wsq"));
        ImageHeader header = ImageHeaderReader.read(wsqBytes);
        GreyscaleImage wsq = decoder.decode(wsqBytes);
        GreyscaleImage png = decoder.decode(TestData.read(folder.resolve("wsq-converted.png")));
        assertEquals(new ImageHeader(ImageFormat.WSQ, wsq.width(), wsq.height(), 1, 8, 1), header);
        assertEquals(png.width(), wsq.width());
        assertEquals(png.height(), wsq.height());
        double difference = 0;
        for (int i = 0; i < wsq.pixels().length; i++) {
            difference += Math.abs((wsq.pixels()[i] & 0xff) - (png.pixels()[i] & 0xff));
        }
        assertEquals(0, difference / wsq.pixels().length, 2.0, "mean absolute grey difference");
    }

    @Test
    void truncatedWsqIsRefusedBeforeDecoding() {
        Path folder = TestData.datasets("fingerprint-samples/sourceafis_wsq_sample");
        byte[] wsq = TestData.read(folder.resolve("wsq-original.wsq"));
        byte[] half = Arrays.copyOf(wsq, wsq.length / 2);
        assertEquals(Reason.TRUNCATED, assertThrows(CorruptImageException.class,
                () -> ImageInspector.inspect(half, decoder.limits(), FingerprintImageDecoder.FORMATS, 1)).reason());
        assertThrows(CorruptImageException.class, () -> decoder.decode(half));
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
}
