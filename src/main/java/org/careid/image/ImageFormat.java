package org.careid.image;

import java.util.Optional;

/**
 * The image containers CareID reads, recognised from their magic bytes only (never a file name or a
 * content type). Which of them a modality accepts is the caller's choice.
 */
public enum ImageFormat {
    JPEG("JPEG"), PNG("PNG"), BMP("BMP"), TIFF("TIFF"), WEBP("WebP"), WSQ("WSQ");

    private final String label;

    ImageFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The format the bytes really are, or empty when none of these. */
    public static Optional<ImageFormat> sniff(byte[] b) {
        if (b == null || b.length < 4) {
            return Optional.empty();
        }
        if (u8(b, 0) == 0xff && u8(b, 1) == 0xd8 && u8(b, 2) == 0xff) {
            return Optional.of(JPEG);
        }
        if (b.length >= 8 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return Optional.of(PNG);
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (u8(b, 0) == 0xff && u8(b, 1) == 0xa0) { // WSQ start-of-image marker
            return Optional.of(WSQ);
        }
        if ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42)) {
            return Optional.of(TIFF);
        }
        if (b[0] == 'B' && b[1] == 'M') {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }
}
