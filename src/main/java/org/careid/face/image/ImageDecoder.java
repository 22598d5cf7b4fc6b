package org.careid.face.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careid.face.image.ImageRejectedException.Reason;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Turns uploaded bytes into an upright 8-bit BGR OpenCV image. The format comes from the magic bytes
 * (never the file name or content type); byte size and the header's pixel count are checked before
 * decoding; the JPEG EXIF orientation is applied explicitly (OpenCV's own handling is switched off
 * so the behaviour does not depend on the OpenCV build).
 */
@ApplicationScoped
public class ImageDecoder {

    private final long maxBytes;
    private final long maxPixels;

    @Inject
    public ImageDecoder(@ConfigProperty(name = "careid.face.max-image-bytes", defaultValue = "10485760") long maxBytes,
                        @ConfigProperty(name = "careid.face.max-image-pixels", defaultValue = "24000000") long maxPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    /** Decoder with the default limits (10 MiB, 24 megapixels). */
    public static ImageDecoder withDefaults() {
        return new ImageDecoder(10L * 1024 * 1024, 24_000_000L);
    }

    /**
     * @throws ImageTooLargeException over the byte or pixel limit (nothing decoded)
     * @throws InvalidImageException empty, unsupported, corrupt or truncated
     */
    public DecodedImage decode(byte[] bytes) {
        if (bytes != null && bytes.length > maxBytes) {
            throw new ImageTooLargeException(Reason.TOO_MANY_BYTES, "image has " + bytes.length + " bytes, limit " + maxBytes);
        }
        ImageHeader header = ImageHeaderReader.read(bytes);
        if (header.pixels() > maxPixels) {
            throw new ImageTooLargeException(Reason.TOO_MANY_PIXELS,
                    "image declares " + header.width() + "x" + header.height() + " pixels, limit " + maxPixels);
        }
        OpenCvLoader.ensureLoaded();
        MatOfByte buf = new MatOfByte(bytes);
        Mat mat;
        try {
            mat = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        } finally {
            buf.release();
        }
        if (mat == null || mat.empty()) {
            throw new InvalidImageException(Reason.CORRUPT, header.format() + " image could not be decoded");
        }
        if (mat.cols() != header.width() || mat.rows() != header.height()) {
            mat.release();
            throw new InvalidImageException(Reason.CORRUPT, "decoded size differs from the header");
        }
        Mat upright = applyOrientation(mat, header.exifOrientation());
        return new DecodedImage(upright, header);
    }

    /** EXIF orientation 1..8 to an upright image (the input is released when a new one is made). */
    static Mat applyOrientation(Mat src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        Mat dst = new Mat();
        switch (orientation) {
            case 2 -> Core.flip(src, dst, 1);
            case 3 -> Core.rotate(src, dst, Core.ROTATE_180);
            case 4 -> Core.flip(src, dst, 0);
            case 5 -> Core.transpose(src, dst);
            case 6 -> Core.rotate(src, dst, Core.ROTATE_90_CLOCKWISE);
            case 7 -> {
                Mat t = new Mat();
                Core.transpose(src, t);
                Core.flip(t, dst, -1);
                t.release();
            }
            case 8 -> Core.rotate(src, dst, Core.ROTATE_90_COUNTERCLOCKWISE);
            default -> src.copyTo(dst);
        }
        src.release();
        return dst;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long maxPixels() {
        return maxPixels;
    }
}
