package org.careid.fingerprint.image;

import java.util.Optional;

/** The image formats fingerprint readers deliver, recognised by their magic bytes (never by a file name). */
public enum FingerprintImageFormat {
    PNG, JPEG, BMP, TIFF, WSQ;

    public static Optional<FingerprintImageFormat> detect(byte[] data) {
        if (data == null || data.length < 4) {
            return Optional.empty();
        }
        int b0 = data[0] & 0xff, b1 = data[1] & 0xff, b2 = data[2] & 0xff, b3 = data[3] & 0xff;
        if (b0 == 0x89 && b1 == 'P' && b2 == 'N' && b3 == 'G') {
            return Optional.of(PNG);
        }
        if (b0 == 0xff && b1 == 0xd8 && b2 == 0xff) {
            return Optional.of(JPEG);
        }
        if (b0 == 0xff && b1 == 0xa0) { // WSQ SOI marker
            return Optional.of(WSQ);
        }
        if (b0 == 'B' && b1 == 'M') {
            return Optional.of(BMP);
        }
        if ((b0 == 'I' && b1 == 'I' && b2 == 42 && b3 == 0) || (b0 == 'M' && b1 == 'M' && b2 == 0 && b3 == 42)) {
            return Optional.of(TIFF);
        }
        return Optional.empty();
    }
}
