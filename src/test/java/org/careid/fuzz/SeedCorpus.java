package org.careid.fuzz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.careid.image.OpenCvLoader;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import com.machinezoo.fingerprintio.TemplateFormat;
import com.machinezoo.sourceafis.FingerprintCompatibility;
import com.machinezoo.sourceafis.FingerprintImage;
import com.machinezoo.sourceafis.FingerprintImageOptions;
import com.machinezoo.sourceafis.FingerprintTemplate;

/**
 * Writes the fuzz tests' seed corpus (src/test/resources/org/careid/fuzz/*Inputs/*): faces and
 * ridge patterns drawn here with java.awt and encoded in every accepted format, headers that
 * declare huge rasters, ISO/ANSI templates extracted from the drawn ridges, JSON bodies and JWTs.
 * Nothing comes from a dataset. Run from the repository root:
 * {@code java -cp <test classpath> org.careid.fuzz.SeedCorpus}.
 */
public final class SeedCorpus {
    private SeedCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/org/careid/fuzz");
        BufferedImage face = face(96, 112);
        BufferedImage ridges = ridges(128, 128);

        Map<String, byte[]> photos = new LinkedHashMap<>();
        photos.put("face.jpg", encode(face, "jpg"));
        photos.put("face.png", encode(face, "png"));
        photos.put("face.bmp", encode(face, "bmp"));
        photos.put("face.webp", webp(face));
        photos.put("face-huge-header.png", pngDeclaring(encode(face, "png"), 30_000, 30_000));
        photos.put("webp-magic-only.webp", "RIFF....WEBP".getBytes(StandardCharsets.US_ASCII));
        write(root.resolve("FaceImageFuzzTestInputs/decode"), photos);

        Map<String, byte[]> prints = new LinkedHashMap<>();
        BufferedImage grey = toGrey(ridges);
        prints.put("ridges.png", encode(grey, "png"));
        prints.put("ridges.jpg", encode(grey, "jpg"));
        prints.put("ridges.bmp", encode(grey, "bmp"));
        prints.put("ridges.tif", encode(grey, "tiff"));
        prints.put("tiff-4000x4000-16bit-4samples.tif", tiffBomb(4000, 4000));
        prints.put("wsq-header-only.wsq", wsqHeader(128, 128));
        write(root.resolve("FingerprintImageFuzzTestInputs/decode"), prints);

        Map<String, byte[]> headers = new LinkedHashMap<>(photos);
        headers.putAll(prints);
        write(root.resolve("ImageHeaderFuzzTestInputs/inspect"), headers);

        FingerprintTemplate template = new FingerprintTemplate(
                new FingerprintImage(encode(grey, "png"), new FingerprintImageOptions().dpi(500)));
        Map<String, byte[]> templates = new LinkedHashMap<>();
        templates.put("ansi378-2004.bin", FingerprintCompatibility.exportTemplates(TemplateFormat.ANSI_378_2004, template));
        templates.put("iso19794-2-2005.bin", FingerprintCompatibility.exportTemplates(TemplateFormat.ISO_19794_2_2005, template));
        templates.put("iso19794-2-2011.bin", FingerprintCompatibility.exportTemplates(TemplateFormat.ISO_19794_2_2011, template));
        write(root.resolve("FingerprintTemplateFuzzTestInputs/importTemplate"), templates);

        Map<String, byte[]> json = new LinkedHashMap<>();
        json.put("staff.json", utf8("{\"employeeId\":\"E1234\",\"displayName\":\"Nurse A\",\"clinicalRole\":\"nurse\",\"ward\":\"ICU\",\"scopes\":[\"patient/*.read\"]}"));
        json.put("update.json", utf8("{\"displayName\":\"B\",\"scopes\":[]}"));
        json.put("provision.json", utf8("{\"deviceId\":\"3f1c0e4e-8a39-4c55-9d0e-2b9c8d1e0f11\",\"code\":\"ABCD-1234\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"BB\"}}"));
        json.put("duplicate-key.json", utf8("{\"displayName\":\"A\",\"displayName\":\"B\"}"));
        json.put("nested.json", utf8("[[[[[[[[[[{\"a\":[1,2,{\"b\":null}]}]]]]]]]]]]"));
        write(root.resolve("JsonBodyFuzzTestInputs/read"), json);

        Map<String, byte[]> jwts = new LinkedHashMap<>();
        jwts.put("es256.jwt", utf8(es256Token()));
        jwts.put("alg-none.jwt", utf8("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
        jwts.put("jku-header.jwt", utf8("eyJhbGciOiJFUzI1NiIsImprdSI6Imh0dHA6Ly9ldmlsIn0.e30.AAAA"));
        write(root.resolve("JwtFuzzTestInputs/verify"), jwts);
    }

    /** An oval face with eyes, brows, nose and mouth on a plain background. */
    static BufferedImage face(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(70, 110, 160));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(225, 185, 150));
        g.fillOval(width / 6, height / 8, width * 2 / 3, height * 3 / 4);
        g.setColor(Color.DARK_GRAY);
        int eyeY = height * 2 / 5;
        g.fillOval(width / 3 - 6, eyeY, 10, 6);
        g.fillOval(width * 2 / 3 - 4, eyeY, 10, 6);
        g.setStroke(new BasicStroke(2));
        g.drawLine(width / 3 - 8, eyeY - 6, width / 3 + 6, eyeY - 7);
        g.drawLine(width * 2 / 3 - 6, eyeY - 7, width * 2 / 3 + 8, eyeY - 6);
        g.drawLine(width / 2, eyeY + 8, width / 2 - 3, eyeY + 22);
        g.setColor(new Color(150, 60, 60));
        g.drawArc(width / 2 - 12, eyeY + 24, 24, 10, 200, 140);
        g.dispose();
        return img;
    }

    /** Concentric, slightly warped ridges: enough structure for minutiae to be found. */
    static BufferedImage ridges(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double cx = width / 2.0;
        double cy = height * 0.55;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = (x - cx) * 1.2;
                double dy = y - cy;
                double r = Math.sqrt(dx * dx + dy * dy) + 3 * Math.sin(x / 9.0) + 2 * Math.cos(y / 7.0);
                int v = (int) (127 + 120 * Math.sin(r / 1.6));
                img.setRGB(x, y, new Color(v, v, v).getRGB());
            }
        }
        return img;
    }

    private static BufferedImage toGrey(BufferedImage rgb) {
        BufferedImage grey = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(rgb, 0, 0, null);
        g.dispose();
        return grey;
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** WebP through OpenCV's encoder (ImageIO has none). */
    private static byte[] webp(BufferedImage img) {
        OpenCvLoader.ensureLoaded();
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(encode(img, "png")), Imgcodecs.IMREAD_COLOR);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".webp", decoded, out);
        return out.toArray();
    }

    private static byte[] pngDeclaring(byte[] png, int width, int height) {
        byte[] copy = png.clone();
        ByteBuffer.wrap(copy, 16, 8).putInt(width).putInt(height);
        return copy;
    }

    /** A little-endian TIFF whose one IFD declares width x height, 4 samples of 16 bits, over 1,565 bytes of strip (1,707 bytes in all). */
    public static byte[] tiffBomb(int width, int height) {
        int entries = 10;
        int ifd = 8;
        int bitsOffset = ifd + 2 + entries * 12 + 4;
        int dataOffset = bitsOffset + 8;
        int data = 1_565; // 1,707 bytes in all
        ByteBuffer b = ByteBuffer.allocate(dataOffset + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort((short) entries);
        entry(b, 256, 4, 1, width);
        entry(b, 257, 4, 1, height);
        entry(b, 258, 3, 4, bitsOffset);    // BitsPerSample 16,16,16,16 (stored at bitsOffset)
        entry(b, 259, 3, 1, 1);             // no compression
        entry(b, 262, 3, 1, 2);             // RGB
        entry(b, 273, 4, 1, dataOffset);    // StripOffsets
        entry(b, 277, 3, 1, 4);             // SamplesPerPixel
        entry(b, 278, 4, 1, height);        // RowsPerStrip
        entry(b, 279, 4, 1, data);          // StripByteCounts
        entry(b, 338, 3, 1, 2);             // ExtraSamples: unassociated alpha
        b.putInt(0);
        b.putShort((short) 16).putShort((short) 16).putShort((short) 16).putShort((short) 16);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** WSQ start of image, a comment and the frame header: what the header reader needs, no image data. */
    private static byte[] wsqHeader(int width, int height) {
        return ByteBuffer.allocate(2 + 8 + 2 + 19).put(new byte[] {(byte) 0xff, (byte) 0xa0})
                .put(new byte[] {(byte) 0xff, (byte) 0xa8}).putShort((short) 6).put("seed".getBytes(StandardCharsets.US_ASCII))
                .put(new byte[] {(byte) 0xff, (byte) 0xa2}).putShort((short) 19).put((byte) 0).put((byte) 255)
                .putShort((short) height).putShort((short) width).put(new byte[11]).array();
    }

    private static String es256Token() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("http://localhost:8080");
        claims.setAudience("careid-resources");
        claims.setSubject("3f1c0e4e-8a39-4c55-9d0e-2b9c8d1e0f11");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(2);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(generator.generateKeyPair().getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "at+jwt");
        jws.setKeyIdHeaderValue("seed-key");
        return jws.getCompactSerialization();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        System.out.printf("%s: %d seeds%n", dir, files.size());
    }
}
