package org.careid.image;

import org.careid.image.ImageException.Reason;

/**
 * The two limits every upload is held to before decoding: the byte size of the file, and the size of
 * the raster its header declares (width x height x channels x bytes per sample), so that a small file
 * declaring a huge raster (a decompression bomb) is refused before anything is allocated.
 */
public record ImageLimits(long maxBytes, long maxDecodedBytes) {

    public ImageLimits {
        if (maxBytes <= 0 || maxDecodedBytes <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    /** @throws ImageTooLargeException over the byte limit */
    public void requireBytes(byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw new ImageTooLargeException(Reason.TOO_MANY_BYTES, "image has " + bytes.length + " bytes, limit " + maxBytes);
        }
    }

    /**
     * @param outputBytesPerPixel bytes per pixel of the raster the caller decodes into (3 for BGR, 1 for
     *     grey); the larger of that and the declared raster is what decoding allocates
     * @throws ImageTooLargeException over the decoded-size limit
     */
    public void requireDecodable(ImageHeader header, int outputBytesPerPixel) {
        long declared = Math.max(header.decodedBytes(), header.pixels() * outputBytesPerPixel);
        if (declared > maxDecodedBytes) {
            throw new ImageTooLargeException(Reason.TOO_MANY_DECODED_BYTES, header.format().label() + " header declares "
                    + header.width() + "x" + header.height() + " pixels (" + declared + " bytes decoded), limit " + maxDecodedBytes);
        }
    }
}
