package org.careid.fingerprint.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the declared width and height of an image without decoding its pixels, so that a crafted
 * header (a decompression bomb) is refused before anything large is allocated.
 */
final class ImageHeaderReader {
    private static final int WSQ_SOF = 0xffa2;
    private static final int WSQ_SOB = 0xffa3;
    private static final int WSQ_EOI = 0xffa1;

    private ImageHeaderReader() {
    }

    static ImageDimensions read(byte[] data, FingerprintImageFormat format) {
        ImageDimensions dimensions = format == FingerprintImageFormat.WSQ ? readWsq(data) : readWithImageIo(data, format);
        if (dimensions.width() <= 0 || dimensions.height() <= 0) {
            throw new CorruptFingerprintImageException(format + " header declares no pixels");
        }
        return dimensions;
    }

    /** ImageIO readers parse only the header when asked for the size of image 0. */
    private static ImageDimensions readWithImageIo(byte[] data, FingerprintImageFormat format) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader = readerFor(format);
            try {
                reader.setInput(input, true, true);
                return new ImageDimensions(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new CorruptFingerprintImageException(format + " header cannot be read", e);
        }
    }

    static ImageReader readerFor(FingerprintImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
        if (!readers.hasNext()) {
            throw new UnsupportedFingerprintFormatException("no decoder for " + format);
        }
        return readers.next();
    }

    /**
     * WSQ (FBI IAFIS-IC-0110): SOI, then marker segments each with a 16-bit length, until the frame
     * header (SOF) which holds black, white, height and width.
     */
    private static ImageDimensions readWsq(byte[] data) {
        int position = 2;
        while (position + 4 <= data.length) {
            int marker = u16(data, position);
            if ((marker & 0xff00) != 0xff00 || marker == WSQ_SOB || marker == WSQ_EOI) {
                break;
            }
            int length = u16(data, position + 2);
            if (marker == WSQ_SOF) {
                if (position + 10 > data.length) {
                    break;
                }
                int height = u16(data, position + 6);
                int width = u16(data, position + 8);
                return new ImageDimensions(width, height);
            }
            if (length < 2) {
                break;
            }
            position += 2 + length;
        }
        throw new CorruptFingerprintImageException("WSQ frame header missing or truncated");
    }

    private static int u16(byte[] data, int offset) {
        return ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff);
    }
}
