package org.careid.fingerprint.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.careid.image.CorruptImageException;
import org.careid.image.ImageException.Reason;
import org.careid.image.ImageFormat;
import org.careid.image.ImageHeader;
import org.careid.image.ImageInspector;
import org.careid.image.ImageLimits;
import org.careid.image.ImageTooSmallException;
import org.careid.image.UnsupportedImageException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jnbis.api.Jnbis;
import org.jnbis.api.model.Bitmap;

/**
 * Fingerprint bytes (PNG, JPEG, BMP, TIFF or WSQ) to 8-bit grey. {@link ImageInspector} checks format,
 * limits and completeness first. SourceAFIS 3.18.1 could decode these itself (ImageIO, and WSQ
 * through JNBIS) but without any limit, so CareID decodes first and hands SourceAFIS raw grey pixels.
 */
@ApplicationScoped
public class FingerprintImageDecoder {
    /** The formats fingerprint readers deliver. */
    public static final Set<ImageFormat> FORMATS = Set.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.BMP, ImageFormat.TIFF,
            ImageFormat.WSQ);
    /**
     * A reader image is well below 1 MB and 1 Mpixel (500 dpi, about 25 x 30 mm): 10 MiB files and
     * 16 MB of decoded raster (16 Mpixels of grey) leave room for 1000 dpi slaps.
     */
    public static final ImageLimits DEFAULT_LIMITS = new ImageLimits(10L * 1024 * 1024, 16_000_000L);
    /** Smaller than this on a side, no fingerprint fits (well under 4 mm at 500 dpi). */
    public static final int MIN_SIDE = 64;
    private static final int GREY_BYTES = 1;

    private final ImageLimits limits;

    @Inject
    public FingerprintImageDecoder(
            @ConfigProperty(name = "careid.fingerprint.max-image-bytes", defaultValue = "10485760") long maxBytes,
            @ConfigProperty(name = "careid.fingerprint.max-decoded-bytes", defaultValue = "16000000") long maxDecodedBytes) {
        this(new ImageLimits(maxBytes, maxDecodedBytes));
    }

    public FingerprintImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** @throws org.careid.image.ImageException refused bytes (nothing decoded) or undecodable data */
    public GreyscaleImage decode(byte[] data) {
        ImageHeader header = ImageInspector.inspect(data, limits, FORMATS, GREY_BYTES);
        if (header.width() < MIN_SIDE || header.height() < MIN_SIDE) {
            throw new ImageTooSmallException("image is " + header.width() + "x" + header.height()
                    + ", too small for a fingerprint (minimum side " + MIN_SIDE + ")");
        }
        GreyscaleImage image = header.format() == ImageFormat.WSQ ? decodeWsq(data) : decodeWithImageIo(data, header.format());
        if (image.width() != header.width() || image.height() != header.height()) {
            throw CorruptImageException.corrupt(header.format().label() + " pixel data does not match its header");
        }
        return image;
    }

    private static GreyscaleImage decodeWithImageIo(byte[] data, ImageFormat format) {
        BufferedImage buffered;
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader = readerFor(format);
            try {
                reader.setInput(input, true, true);
                // Decoders report damaged data (e.g. a JPEG without its end) as warnings, not errors.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                buffered = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw damaged(format, null);
                }
            } finally {
                reader.dispose();
            }
        } catch (CorruptImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(format, e);
        }
        if (buffered == null) {
            throw damaged(format, null);
        }
        return toGrey(buffered);
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
        if (!readers.hasNext()) {
            throw new UnsupportedImageException(Reason.UNSUPPORTED_FORMAT, "no decoder for " + format.label());
        }
        return readers.next();
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

    /** WSQ is decoded by JNBIS (the library SourceAFIS itself uses); ImageIO and OpenCV have no WSQ codec. */
    private static GreyscaleImage decodeWsq(byte[] data) {
        Bitmap bitmap;
        try {
            bitmap = Jnbis.wsq().decode(data).asBitmap();
        } catch (RuntimeException e) {
            throw damaged(ImageFormat.WSQ, e);
        }
        byte[] pixels = bitmap.getPixels();
        if (pixels == null || pixels.length != bitmap.getWidth() * bitmap.getHeight()) {
            throw damaged(ImageFormat.WSQ, null);
        }
        return new GreyscaleImage(bitmap.getWidth(), bitmap.getHeight(), pixels.clone());
    }

    private static CorruptImageException damaged(ImageFormat format, Throwable cause) {
        return new CorruptImageException(Reason.CORRUPT, format.label() + " data is damaged or truncated", cause);
    }
}
