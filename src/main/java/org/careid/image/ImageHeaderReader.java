package org.careid.image;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.bmp.BmpMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngColorType;
import com.drew.imaging.png.PngHeader;
import com.drew.imaging.tiff.TiffMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.lang.BufferBoundsException;
import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.jpeg.JpegReader;
import com.drew.metadata.webp.WebpDirectory;
import org.careid.image.ImageException.Reason;

/**
 * Reads format, dimensions, channels, bit depth and EXIF orientation from a file's header without
 * decoding a pixel, so that the limits can be checked before any decoder allocates.
 *
 * <p>metadata-extractor parses JPEG, PNG, BMP, TIFF and WebP headers and EXIF. Two narrowings keep
 * it to headers: JPEG is read with only the frame-header and EXIF segment readers, and PNG only
 * through the library's IHDR parser, because its full PNG reader inflates zTXt/iTXt/iCCP chunks
 * without a size limit (a bomb of its own). WSQ, which the library does not know, is read by
 * {@link WsqHeader}.
 */
public final class ImageHeaderReader {

    private ImageHeaderReader() {
    }

    /**
     * @throws UnsupportedImageException empty or none of the known formats
     * @throws CorruptImageException a damaged or truncated header
     */
    public static ImageHeader read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UnsupportedImageException(Reason.EMPTY, "image is empty");
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new UnsupportedImageException(
                Reason.UNSUPPORTED_FORMAT, "not an image in a known format"));
        return read(bytes, format);
    }

    /** The header of bytes already known to be {@code format}. */
    static ImageHeader read(byte[] bytes, ImageFormat format) {
        ImageHeader header;
        try {
            header = switch (format) {
                case JPEG -> jpeg(bytes);
                case PNG -> png(bytes);
                case BMP -> bmp(bytes);
                case TIFF -> tiff(bytes);
                case WEBP -> webp(bytes);
                case WSQ -> WsqHeader.read(bytes);
            };
        } catch (ImageException e) {
            throw e;
        } catch (EOFException | BufferBoundsException | ArrayIndexOutOfBoundsException e) {
            throw new CorruptImageException(Reason.TRUNCATED, format.label() + " header is truncated", e);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            throw new CorruptImageException(Reason.CORRUPT, format.label() + " header cannot be read", e);
        }
        if (header.width() <= 0 || header.height() <= 0 || header.channels() <= 0 || header.bitsPerSample() <= 0) {
            throw CorruptImageException.corrupt(format.label() + " header declares no pixels");
        }
        return header;
    }

    private static ImageHeader jpeg(byte[] b) throws ImageProcessingException, IOException {
        Metadata metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(b), List.of(new JpegReader(), new ExifReader()));
        JpegDirectory frame = withTag(metadata, JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH);
        if (frame == null) {
            throw CorruptImageException.corrupt("JPEG has no frame header");
        }
        return new ImageHeader(ImageFormat.JPEG, intOr(frame, JpegDirectory.TAG_IMAGE_WIDTH, 0), intOr(frame, JpegDirectory.TAG_IMAGE_HEIGHT, 0),
                intOr(frame, JpegDirectory.TAG_NUMBER_OF_COMPONENTS, 3), intOr(frame, JpegDirectory.TAG_DATA_PRECISION, 8),
                orientation(metadata));
    }

    /** IHDR must be the first chunk: signature (8), length 13 (4), "IHDR" (4), then its 13 data bytes. */
    private static ImageHeader png(byte[] b) throws ImageProcessingException {
        if (b.length < 33) {
            throw CorruptImageException.truncated("PNG header is truncated");
        }
        if (b[8] != 0 || b[9] != 0 || b[10] != 0 || b[11] != 13 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw CorruptImageException.corrupt("PNG does not start with an IHDR chunk");
        }
        PngHeader ihdr = new PngHeader(Arrays.copyOfRange(b, 16, 29));
        PngColorType type = ihdr.getColorType();
        int channels;
        int bits = ihdr.getBitsPerSample();
        if (type == PngColorType.GREYSCALE) {
            channels = 1;
        } else if (type == PngColorType.GREYSCALE_WITH_ALPHA) {
            channels = 2;
        } else if (type == PngColorType.TRUE_COLOR) {
            channels = 3;
        } else if (type == PngColorType.TRUE_COLOR_WITH_ALPHA) {
            channels = 4;
        } else if (type == PngColorType.INDEXED_COLOR) {
            channels = 4; // a palette expands to RGB, or RGBA with a tRNS chunk: counted as the larger
            bits = 8;
        } else {
            throw CorruptImageException.corrupt("PNG colour type unknown");
        }
        return new ImageHeader(ImageFormat.PNG, ihdr.getImageWidth(), ihdr.getImageHeight(), channels, bits, 1);
    }

    private static ImageHeader bmp(byte[] b) {
        BmpHeaderDirectory info = withTag(BmpMetadataReader.readMetadata(new ByteArrayInputStream(b)),
                BmpHeaderDirectory.class, BmpHeaderDirectory.TAG_IMAGE_WIDTH);
        if (info == null || !info.containsTag(BmpHeaderDirectory.TAG_IMAGE_HEIGHT)) {
            throw b.length < 26 ? CorruptImageException.truncated("BMP header is truncated") : CorruptImageException.corrupt("unknown BMP header");
        }
        int bitsPerPixel = intOr(info, BmpHeaderDirectory.TAG_BITS_PER_PIXEL, 24);
        // Palette, 16- and 24-bit pixels all decode to three 8-bit channels; 32-bit ones may carry alpha.
        int channels = bitsPerPixel == 32 ? 4 : 3;
        int height = Math.abs(intOr(info, BmpHeaderDirectory.TAG_IMAGE_HEIGHT, 0)); // negative: rows stored top-down
        return new ImageHeader(ImageFormat.BMP, intOr(info, BmpHeaderDirectory.TAG_IMAGE_WIDTH, 0), height, channels, 8, 1);
    }

    private static ImageHeader tiff(byte[] b) throws ImageProcessingException, IOException {
        Metadata metadata = TiffMetadataReader.readMetadata(new ByteArrayReader(b));
        ExifIFD0Directory ifd0 = withTag(metadata, ExifIFD0Directory.class, ExifDirectoryBase.TAG_IMAGE_WIDTH);
        if (ifd0 == null || !ifd0.containsTag(ExifDirectoryBase.TAG_IMAGE_HEIGHT)) {
            throw CorruptImageException.corrupt("TIFF has no image dimensions");
        }
        int channels = intOr(ifd0, ExifDirectoryBase.TAG_SAMPLES_PER_PIXEL, 1);
        int[] bitsPerSample = ifd0.getIntArray(ExifDirectoryBase.TAG_BITS_PER_SAMPLE);
        int bits = bitsPerSample == null ? 1 : Arrays.stream(bitsPerSample).max().orElse(1);
        if (intOr(ifd0, ExifDirectoryBase.TAG_PHOTOMETRIC_INTERPRETATION, 1) == 3) { // palette: expands to 8-bit RGB
            channels = 3;
            bits = 8;
        }
        return new ImageHeader(ImageFormat.TIFF, intOr(ifd0, ExifDirectoryBase.TAG_IMAGE_WIDTH, 0),
                intOr(ifd0, ExifDirectoryBase.TAG_IMAGE_HEIGHT, 0), channels, bits, orientation(metadata));
    }

    private static ImageHeader webp(byte[] b) throws ImageProcessingException, IOException {
        requireChunksWithinData(b);
        Metadata metadata = WebpMetadataReader.readMetadata(new ByteArrayInputStream(b));
        WebpDirectory image = withTag(metadata, WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH);
        if (image == null) {
            throw ImageCompleteness.riffSizeBeyondData(b)
                    ? CorruptImageException.truncated("WebP RIFF size beyond the data (truncated)")
                    : CorruptImageException.corrupt("WebP has no VP8, VP8L or VP8X image chunk");
        }
        String firstChunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        int width = intOr(image, WebpDirectory.TAG_IMAGE_WIDTH, 0);
        int height = intOr(image, WebpDirectory.TAG_IMAGE_HEIGHT, 0);
        boolean alpha;
        if (WebpDirectory.CHUNK_VP8.equals(firstChunk)) { // simple lossy: 14-bit sizes under two scaling bits
            width &= 0x3fff;
            height &= 0x3fff;
            alpha = false;
        } else if (WebpDirectory.CHUNK_VP8L.equals(firstChunk)) {
            alpha = vp8lUsesAlpha(b);
        } else {
            alpha = Boolean.TRUE.equals(image.getBooleanObject(WebpDirectory.TAG_HAS_ALPHA));
        }
        return new ImageHeader(ImageFormat.WEBP, width, height, alpha ? 4 : 3, 8, orientation(metadata));
    }

    /**
     * Every RIFF chunk must fit in the file: the library reads a chunk by allocating its declared
     * size, so a 500-byte file declaring a 600 MB chunk would allocate 600 MB before failing.
     */
    private static void requireChunksWithinData(byte[] b) {
        long position = 12;
        while (position + 8 <= b.length) {
            int p = (int) position;
            long size = (b[p + 4] & 0xffL) | (b[p + 5] & 0xffL) << 8 | (b[p + 6] & 0xffL) << 16 | (b[p + 7] & 0xffL) << 24;
            if (size > b.length - position - 8) {
                throw CorruptImageException.truncated("WebP chunk declares more bytes than the file holds (truncated)");
            }
            position += 8 + size + (size & 1);
        }
    }

    /**
     * The alpha_is_used bit of a VP8L header (which the library does not report): after the chunk
     * header (20) and the signature byte, 14 bits width - 1, 14 bits height - 1, then that bit.
     * Counted as present when the header is too short to tell.
     */
    private static boolean vp8lUsesAlpha(byte[] b) {
        return b.length <= 24 || (b[24] & 0x10) != 0;
    }

    /** EXIF orientation 1..8 from IFD0; 1 when absent or out of range. */
    private static int orientation(Metadata metadata) {
        ExifIFD0Directory ifd0 = withTag(metadata, ExifIFD0Directory.class, ExifDirectoryBase.TAG_ORIENTATION);
        int value = ifd0 == null ? 1 : intOr(ifd0, ExifDirectoryBase.TAG_ORIENTATION, 1);
        return value >= 1 && value <= 8 ? value : 1;
    }

    /** The first directory of the type holding the tag (the library also adds error-only directories). */
    private static <T extends Directory> T withTag(Metadata metadata, Class<T> type, int tag) {
        for (T directory : metadata.getDirectoriesOfType(type)) {
            if (directory.containsTag(tag)) {
                return directory;
            }
        }
        return null;
    }

    private static int intOr(Directory directory, int tag, int fallback) {
        Integer value = directory.getInteger(tag);
        return value == null ? fallback : value;
    }
}
