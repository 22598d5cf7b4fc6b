package org.careid.fingerprint.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jnbis.api.Jnbis;
import org.jnbis.api.model.Bitmap;

/**
 * Decodes PNG, JPEG, BMP, TIFF and WSQ fingerprint images to 8-bit grey. The format comes from the
 * magic bytes; the byte size and the pixel count declared by the header are checked before decoding.
 * SourceAFIS 3.18.1 could decode these itself (ImageIO, and WSQ through JNBIS) but without any limit,
 * so CareID decodes first and hands SourceAFIS raw grey pixels.
 */
@ApplicationScoped
public class FingerprintImageDecoder {
    private final FingerprintImageLimits limits;

    @Inject
    public FingerprintImageDecoder(
            @ConfigProperty(name = "careid.fingerprint.max-image-bytes", defaultValue = "10485760") long maxBytes,
            @ConfigProperty(name = "careid.fingerprint.max-image-pixels", defaultValue = "16000000") long maxPixels) {
        this(new FingerprintImageLimits(maxBytes, maxPixels, FingerprintImageLimits.DEFAULT.minSide()));
    }

    public FingerprintImageDecoder(FingerprintImageLimits limits) {
        this.limits = limits;
    }

    public FingerprintImageLimits limits() {
        return limits;
    }

    /** Refuses oversized or unsupported input, then decodes. */
    public GreyscaleImage decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw new UnsupportedFingerprintFormatException("empty image");
        }
        if (data.length > limits.maxBytes()) {
            throw new FingerprintImageTooLargeException("image has " + data.length + " bytes, limit " + limits.maxBytes());
        }
        FingerprintImageFormat format = FingerprintImageFormat.detect(data)
                .orElseThrow(() -> new UnsupportedFingerprintFormatException("not a PNG, JPEG, BMP, TIFF or WSQ image"));
        ImageDimensions declared = ImageHeaderReader.read(data, format);
        checkDimensions(declared);
        if (format == FingerprintImageFormat.BMP) {
            ImageHeaderReader.requireCompleteBmp(data, declared);
        }
        GreyscaleImage image = format == FingerprintImageFormat.WSQ ? decodeWsq(data) : decodeWithImageIo(data, format);
        if (image.width() != declared.width() || image.height() != declared.height()) {
            throw new CorruptFingerprintImageException(format + " pixel data does not match its header");
        }
        return image;
    }

    private void checkDimensions(ImageDimensions declared) {
        if (declared.pixels() > limits.maxPixels()) {
            throw new FingerprintImageTooLargeException("image declares " + declared.width() + "x" + declared.height()
                    + " pixels, limit " + limits.maxPixels());
        }
        if (declared.width() < limits.minSide() || declared.height() < limits.minSide()) {
            throw new CorruptFingerprintImageException("image is " + declared.width() + "x" + declared.height()
                    + ", too small for a fingerprint (minimum side " + limits.minSide() + ")");
        }
    }

    private static GreyscaleImage decodeWithImageIo(byte[] data, FingerprintImageFormat format) {
        BufferedImage buffered;
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader = ImageHeaderReader.readerFor(format);
            try {
                reader.setInput(input, true, true);
                // Decoders report truncated data (e.g. a JPEG without its end) as warnings, not errors.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                buffered = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new CorruptFingerprintImageException(format + " data is damaged or truncated");
                }
            } finally {
                reader.dispose();
            }
        } catch (CorruptFingerprintImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptFingerprintImageException(format + " data is damaged or truncated", e);
        }
        if (buffered == null) {
            throw new CorruptFingerprintImageException(format + " data is damaged or truncated");
        }
        return toGrey(buffered);
    }

    private static GreyscaleImage toGrey(BufferedImage buffered) {
        int width = buffered.getWidth();
        int height = buffered.getHeight();
        BufferedImage grey;
        if (buffered.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            grey = buffered;
        } else {
            // Colour, palette, 16-bit or alpha images: flatten onto white (a reader's background) as grey.
            grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D graphics = grey.createGraphics();
            try {
                graphics.setColor(Color.WHITE);
                graphics.fillRect(0, 0, width, height);
                graphics.drawImage(buffered, 0, 0, null);
            } finally {
                graphics.dispose();
            }
        }
        byte[] pixels = new byte[width * height];
        grey.getRaster().getDataElements(0, 0, width, height, pixels);
        return new GreyscaleImage(width, height, pixels);
    }

    private static GreyscaleImage decodeWsq(byte[] data) {
        Bitmap bitmap;
        try {
            bitmap = Jnbis.wsq().decode(data).asBitmap();
        } catch (RuntimeException e) {
            throw new CorruptFingerprintImageException("WSQ data is damaged or truncated", e);
        }
        byte[] pixels = bitmap.getPixels();
        if (pixels == null || pixels.length != bitmap.getWidth() * bitmap.getHeight()) {
            throw new CorruptFingerprintImageException("WSQ data is damaged or truncated");
        }
        return new GreyscaleImage(bitmap.getWidth(), bitmap.getHeight(), pixels.clone());
    }
}
