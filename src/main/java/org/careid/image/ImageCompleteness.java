package org.careid.image;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.png.PngChunkReader;
import com.drew.imaging.tiff.TiffMetadataReader;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.StreamReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;

/**
 * Refuses files that end before the data their header declares. Decoders are lenient here: OpenCV
 * and ImageIO turn a truncated JPEG, PNG or BMP into a partly grey or black picture without an error,
 * which would then be enrolled or matched. Each check reads container structure only, never pixels.
 */
final class ImageCompleteness {

    private ImageCompleteness() {
    }

    static void require(byte[] b, ImageHeader header) {
        try {
            switch (header.format()) {
                case JPEG -> jpeg(b);
                case PNG -> png(b);
                case BMP -> bmp(b, header);
                case TIFF -> tiff(b);
                case WEBP -> {
                    if (riffSizeBeyondData(b)) {
                        throw CorruptImageException.truncated("WebP RIFF size beyond the data (truncated)");
                    }
                }
                case WSQ -> wsq(b);
            }
        } catch (ImageException e) {
            throw e;
        } catch (EOFException | ArrayIndexOutOfBoundsException e) {
            throw new CorruptImageException(ImageException.Reason.TRUNCATED, header.format().label() + " data is truncated", e);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            throw new CorruptImageException(ImageException.Reason.CORRUPT, header.format().label() + " structure is damaged", e);
        }
    }

    static boolean riffSizeBeyondData(byte[] b) {
        long riffSize = (b[4] & 0xffL) | (b[5] & 0xffL) << 8 | (b[6] & 0xffL) << 16 | (b[7] & 0xffL) << 24;
        return riffSize + 8 > b.length;
    }

    /** Walks the marker segments to the start of scan; an end-of-image marker must follow the scan data. */
    private static void jpeg(byte[] b) {
        int position = 2;
        while (position + 4 <= b.length) {
            if ((b[position] & 0xff) != 0xff) {
                throw CorruptImageException.corrupt("JPEG marker expected");
            }
            int marker = b[position + 1] & 0xff;
            if (marker == 0xff) { // fill byte
                position++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) { // standalone markers
                position += 2;
                continue;
            }
            if (marker == 0xd9) {
                throw CorruptImageException.corrupt("JPEG ends before its scan data");
            }
            int length = ((b[position + 2] & 0xff) << 8) | (b[position + 3] & 0xff);
            if (length < 2) {
                throw CorruptImageException.corrupt("JPEG segment length invalid");
            }
            if (marker == 0xda) {
                if (lastIndexOf(b, (byte) 0xff, (byte) 0xd9, position + 2 + length) < 0) {
                    throw CorruptImageException.truncated("JPEG has no end-of-image marker (truncated)");
                }
                return;
            }
            position += 2 + length;
        }
        throw CorruptImageException.truncated("JPEG ends before its scan data");
    }

    /** The library's chunk reader walks every chunk length up to IEND, copying none of them. */
    private static void png(byte[] b) throws ImageProcessingException, IOException {
        new PngChunkReader().extract(new StreamReader(new ByteArrayInputStream(b)), Set.of());
    }

    /** Uncompressed rows have a known size; the data offset is in the file header the library skips. */
    private static void bmp(byte[] b, ImageHeader header) {
        long dataOffset = le32(b, 10);
        long dibSize = le32(b, 14);
        int bitsPerPixel;
        long compression;
        if (dibSize == 12) {
            bitsPerPixel = le16(b, 24);
            compression = 0;
        } else {
            bitsPerPixel = le16(b, 28);
            compression = le32(b, 30);
        }
        boolean uncompressed = compression == 0 || compression == 3; // BI_RGB, BI_BITFIELDS
        if (uncompressed && bitsPerPixel > 0) {
            long rowBytes = ((long) header.width() * bitsPerPixel + 31) / 32 * 4;
            if (dataOffset + rowBytes * header.height() > b.length) {
                throw CorruptImageException.truncated("BMP pixel data shorter than declared (truncated)");
            }
        }
    }

    /** Every strip of the first image must lie inside the file. */
    private static void tiff(byte[] b) throws ImageProcessingException, IOException {
        Metadata metadata = TiffMetadataReader.readMetadata(new ByteArrayReader(b));
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        long[] offsets = ifd0 == null ? null : longs(ifd0.getObject(ExifDirectoryBase.TAG_STRIP_OFFSETS));
        long[] counts = ifd0 == null ? null : longs(ifd0.getObject(ExifDirectoryBase.TAG_STRIP_BYTE_COUNTS));
        if (offsets == null || counts == null) {
            return; // tiled or unusual layout: left to the decoder
        }
        if (offsets.length != counts.length) {
            throw CorruptImageException.corrupt("TIFF strip tables disagree");
        }
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] + counts[i] > b.length) {
                throw CorruptImageException.truncated("TIFF strip data beyond the end of the file (truncated)");
            }
        }
    }

    /** The end-of-image marker must follow the frame header (0xff in coded data is always stuffed). */
    private static void wsq(byte[] b) {
        int sof = WsqHeader.frameOffset(b);
        if (lastIndexOf(b, (byte) 0xff, (byte) 0xa1, sof + 2) < 0) {
            throw CorruptImageException.truncated("WSQ has no end-of-image marker (truncated)");
        }
    }

    /** Strip tables as unsigned values: the library keeps SHORT ones as int[], LONG ones as long[], single ones as a Number. */
    private static long[] longs(Object values) {
        if (values instanceof long[] longs) {
            return longs;
        }
        if (values instanceof int[] ints) {
            return Arrays.stream(ints).mapToLong(v -> v & 0xffffffffL).toArray();
        }
        if (values instanceof Number number) {
            return new long[] {number.longValue() & 0xffffffffL};
        }
        return null;
    }

    private static int lastIndexOf(byte[] b, byte first, byte second, int from) {
        for (int i = b.length - 2; i >= Math.max(0, from); i--) {
            if (b[i] == first && b[i + 1] == second) {
                return i;
            }
        }
        return -1;
    }

    private static long le32(byte[] b, int p) {
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
    }

    private static int le16(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }
}
