package org.careid.face.image;

import org.careid.face.image.ImageRejectedException.Reason;

/**
 * Reads format, width and height (and the JPEG EXIF orientation) from the first bytes of a file,
 * without decoding pixels, so that decompression bombs are refused before any allocation. Also
 * catches obviously truncated files (missing end markers / declared sizes beyond the data), which
 * OpenCV would otherwise decode into a partly grey picture.
 */
public final class ImageHeaderReader {

    private ImageHeaderReader() {
    }

    public static ImageHeader read(byte[] b) {
        if (b == null || b.length == 0) {
            throw new InvalidImageException(Reason.EMPTY, "image is empty");
        }
        ImageFormat format = ImageFormat.sniff(b);
        if (format == null) {
            throw new InvalidImageException(Reason.UNSUPPORTED_FORMAT, "not a JPEG, PNG, WebP or BMP image");
        }
        try {
            ImageHeader header = switch (format) {
                case PNG -> png(b);
                case JPEG -> jpeg(b);
                case WEBP -> webp(b);
                case BMP -> bmp(b);
            };
            if (header.width() <= 0 || header.height() <= 0) {
                throw new InvalidImageException(Reason.CORRUPT, format + " header declares no pixels");
            }
            return header;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new InvalidImageException(Reason.TRUNCATED, format + " header is truncated");
        }
    }

    private static ImageHeader png(byte[] b) {
        // signature(8) + IHDR length(4) + "IHDR"(4) + width(4) + height(4)
        if (b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw new InvalidImageException(Reason.CORRUPT, "PNG without IHDR chunk");
        }
        long w = be32(b, 16);
        long h = be32(b, 20);
        if (lastIndexOf(b, new byte[] {'I', 'E', 'N', 'D'}, 33) < 0) {
            throw new InvalidImageException(Reason.TRUNCATED, "PNG has no IEND chunk (truncated)");
        }
        return new ImageHeader(ImageFormat.PNG, clampInt(w), clampInt(h), 1);
    }

    private static ImageHeader jpeg(byte[] b) {
        int pos = 2;
        int width = -1;
        int height = -1;
        int orientation = 1;
        while (pos < b.length) {
            if ((b[pos] & 0xff) != 0xff) {
                throw new InvalidImageException(Reason.CORRUPT, "JPEG marker expected");
            }
            while ((b[pos] & 0xff) == 0xff) { // fill bytes
                pos++;
            }
            int marker = b[pos++] & 0xff;
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue; // standalone markers
            }
            if (marker == 0xd9) {
                break;
            }
            int len = be16(b, pos);
            if (len < 2) {
                throw new InvalidImageException(Reason.CORRUPT, "JPEG segment length invalid");
            }
            boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (sof) {
                height = be16(b, pos + 3);
                width = be16(b, pos + 5);
            } else if (marker == 0xe1 && orientation == 1) {
                orientation = exifOrientation(b, pos + 2, pos + len);
            } else if (marker == 0xda) { // start of scan: entropy-coded data follows
                if (width < 0) {
                    throw new InvalidImageException(Reason.CORRUPT, "JPEG scan before frame header");
                }
                if (lastIndexOf(b, new byte[] {(byte) 0xff, (byte) 0xd9}, pos + len) < 0) {
                    throw new InvalidImageException(Reason.TRUNCATED, "JPEG has no end-of-image marker (truncated)");
                }
                return new ImageHeader(ImageFormat.JPEG, width, height, orientation);
            }
            pos += len;
        }
        if (width < 0) {
            throw new InvalidImageException(Reason.TRUNCATED, "JPEG ends before its frame header");
        }
        throw new InvalidImageException(Reason.TRUNCATED, "JPEG has no image data");
    }

    /** Orientation tag 0x0112 in IFD0 of an APP1 Exif segment [start, end); 1 when absent/odd. */
    static int exifOrientation(byte[] b, int start, int end) {
        end = Math.min(end, b.length);
        if (end - start < 14 || b[start] != 'E' || b[start + 1] != 'x' || b[start + 2] != 'i' || b[start + 3] != 'f') {
            return 1;
        }
        int tiff = start + 6;
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        int ifd = tiff + (int) u32(b, tiff + 4, little);
        if (ifd + 2 > end || ifd < tiff) {
            return 1;
        }
        int count = u16(b, ifd, little);
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + i * 12;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static ImageHeader webp(byte[] b) {
        long riffSize = le32(b, 4);
        if (riffSize + 8 > b.length) {
            throw new InvalidImageException(Reason.TRUNCATED, "WebP RIFF size beyond the data (truncated)");
        }
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        int d = 20; // chunk payload
        return switch (chunk) {
            case "VP8 " -> {
                if ((b[d + 3] & 0xff) != 0x9d || (b[d + 4] & 0xff) != 0x01 || (b[d + 5] & 0xff) != 0x2a) {
                    throw new InvalidImageException(Reason.CORRUPT, "WebP VP8 start code missing");
                }
                yield new ImageHeader(ImageFormat.WEBP, le16(b, d + 6) & 0x3fff, le16(b, d + 8) & 0x3fff, 1);
            }
            case "VP8L" -> {
                if ((b[d] & 0xff) != 0x2f) {
                    throw new InvalidImageException(Reason.CORRUPT, "WebP VP8L signature missing");
                }
                long bits = le32(b, d + 1);
                yield new ImageHeader(ImageFormat.WEBP, (int) (bits & 0x3fff) + 1, (int) ((bits >> 14) & 0x3fff) + 1, 1);
            }
            case "VP8X" -> new ImageHeader(ImageFormat.WEBP, le24(b, d + 4) + 1, le24(b, d + 7) + 1, 1);
            default -> throw new InvalidImageException(Reason.CORRUPT, "unknown WebP chunk");
        };
    }

    private static ImageHeader bmp(byte[] b) {
        long dataOffset = le32(b, 10);
        long dibSize = le32(b, 14);
        int w;
        int h;
        int bpp;
        long compression = 0;
        if (dibSize == 12) { // BITMAPCOREHEADER
            w = le16(b, 18);
            h = le16(b, 20);
            bpp = le16(b, 24);
        } else if (dibSize >= 40) {
            w = (int) le32(b, 18);
            h = Math.abs((int) le32(b, 22)); // negative height = top-down rows
            bpp = le16(b, 28);
            compression = le32(b, 30);
        } else {
            throw new InvalidImageException(Reason.CORRUPT, "unknown BMP header");
        }
        if (compression == 0 && bpp > 0 && w > 0 && h > 0) { // uncompressed: the data size is known
            long rowBytes = ((long) w * bpp + 31) / 32 * 4;
            if (dataOffset + rowBytes * h > b.length) {
                throw new InvalidImageException(Reason.TRUNCATED, "BMP pixel data shorter than declared (truncated)");
            }
        }
        return new ImageHeader(ImageFormat.BMP, w, h, 1);
    }

    private static int lastIndexOf(byte[] b, byte[] pattern, int from) {
        for (int i = b.length - pattern.length; i >= Math.max(0, from); i--) {
            boolean hit = true;
            for (int j = 0; j < pattern.length && hit; j++) {
                hit = b[i + j] == pattern[j];
            }
            if (hit) {
                return i;
            }
        }
        return -1;
    }

    private static int clampInt(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    private static long be32(byte[] b, int p) {
        return ((long) (b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static int be16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static long le32(byte[] b, int p) {
        return ((long) (b[p + 3] & 0xff) << 24) | ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    private static int le24(byte[] b, int p) {
        return ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    private static int le16(byte[] b, int p) {
        return ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    private static int u16(byte[] b, int p, boolean little) {
        return little ? le16(b, p) : be16(b, p);
    }

    private static long u32(byte[] b, int p, boolean little) {
        return little ? le32(b, p) : be32(b, p);
    }
}
