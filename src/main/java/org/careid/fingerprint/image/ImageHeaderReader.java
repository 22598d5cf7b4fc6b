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
        ImageDimensions dimensions = switch (format) {
            case WSQ -> readWsq(data);
            case BMP -> readBmp(data);
            case JPEG -> readJpeg(data);
            default -> readWithImageIo(data, format);
        };
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

    /**
     * JPEG: walk the marker segments to the first start-of-frame (SOF0-15 except DHT, JPG and DAC),
     * which holds precision, height and width. ImageIO would insist on finding scan data first.
     */
    private static ImageDimensions readJpeg(byte[] data) {
        int position = 2;
        while (position + 4 <= data.length) {
            if ((data[position] & 0xff) != 0xff) {
                break;
            }
            int marker = data[position + 1] & 0xff;
            if (marker == 0xff) { // fill byte
                position++;
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) { // end of image or start of scan before any frame
                break;
            }
            int length = u16(data, position + 2);
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) {
                if (position + 9 > data.length) {
                    break;
                }
                return new ImageDimensions(u16(data, position + 7), u16(data, position + 5));
            }
            if (length < 2) {
                break;
            }
            position += 2 + length;
        }
        throw new CorruptFingerprintImageException("JPEG frame header missing or truncated");
    }

    /**
     * BMP: file header (14 bytes) then an info header whose width and height are little-endian 32-bit
     * values at offsets 18 and 22 (height negative for top-down rows). ImageIO's own BMP reader refuses
     * large sizes with a generic error, so the header is read here.
     */
    private static ImageDimensions readBmp(byte[] data) {
        if (data.length < 34) {
            throw new CorruptFingerprintImageException("BMP header truncated");
        }
        long width = s32le(data, 18);
        long height = Math.abs(s32le(data, 22));
        if (width <= 0 || height <= 0 || width > 0xffff || height > 0xffff) {
            // 65,535 pixels a side is far beyond any reader; treat larger values as a bomb, not as data.
            if (width > 0xffff || height > 0xffff) {
                throw new FingerprintImageTooLargeException("BMP header declares " + width + "x" + height + " pixels");
            }
            throw new CorruptFingerprintImageException("BMP header declares no pixels");
        }
        return new ImageDimensions((int) width, (int) height);
    }

    /**
     * ImageIO decodes a truncated uncompressed BMP without complaint (missing rows come out black),
     * so the pixel data of an uncompressed BMP must be complete.
     */
    static void requireCompleteBmp(byte[] data, ImageDimensions dimensions) {
        int bitsPerPixel = (data[28] & 0xff) | ((data[29] & 0xff) << 8);
        long compression = s32le(data, 30);
        long pixelOffset = s32le(data, 10);
        if (compression == 0 && bitsPerPixel > 0) {
            long stride = (((long) dimensions.width() * bitsPerPixel + 31) / 32) * 4;
            if (pixelOffset < 0 || pixelOffset + stride * dimensions.height() > data.length) {
                throw new CorruptFingerprintImageException("BMP pixel data is truncated");
            }
        }
    }

    private static long s32le(byte[] data, int offset) {
        return (data[offset] & 0xff) | ((data[offset + 1] & 0xff) << 8) | ((data[offset + 2] & 0xff) << 16)
                | ((long) data[offset + 3] << 24);
    }

    private static int u16(byte[] data, int offset) {
        return ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff);
    }
}
