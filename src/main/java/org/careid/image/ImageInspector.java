package org.careid.image;

import java.util.Set;
import java.util.stream.Collectors;

import org.careid.image.ImageException.Reason;

/**
 * What every upload goes through before a decoder sees it, in this order: not empty, within the byte
 * limit, a format the caller accepts (from the magic bytes), a readable header, a declared raster
 * within the decoded-size limit, and data as long as the header declares. Nothing is decoded here.
 */
public final class ImageInspector {

    private ImageInspector() {
    }

    /**
     * @param accepted formats the caller can decode
     * @param outputBytesPerPixel bytes per pixel of the raster the caller decodes into
     * @return the header, safe to decode
     * @throws ImageException unsupported, corrupt, truncated or too large
     */
    public static ImageHeader inspect(byte[] bytes, ImageLimits limits, Set<ImageFormat> accepted, int outputBytesPerPixel) {
        if (bytes == null || bytes.length == 0) {
            throw new UnsupportedImageException(Reason.EMPTY, "image is empty");
        }
        limits.requireBytes(bytes);
        ImageFormat format = ImageFormat.sniff(bytes).filter(accepted::contains)
                .orElseThrow(() -> new UnsupportedImageException(Reason.UNSUPPORTED_FORMAT, "not a " + labels(accepted) + " image"));
        ImageHeader header = ImageHeaderReader.read(bytes, format);
        limits.requireDecodable(header, outputBytesPerPixel);
        ImageCompleteness.require(bytes, header);
        return header;
    }

    private static String labels(Set<ImageFormat> formats) {
        String all = formats.stream().sorted().map(ImageFormat::label).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
