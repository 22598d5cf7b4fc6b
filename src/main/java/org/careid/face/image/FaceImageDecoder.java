package org.careid.face.image;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careid.image.CorruptImageException;
import org.careid.image.ImageFormat;
import org.careid.image.ImageHeader;
import org.careid.image.ImageInspector;
import org.careid.image.ImageLimits;
import org.careid.image.OpenCvLoader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Photo bytes to an upright 8-bit BGR OpenCV image. {@link ImageInspector} checks format, limits and
 * completeness first; the EXIF orientation from the header is applied here (OpenCV's own handling is
 * switched off so the behaviour does not depend on the OpenCV build).
 */
@ApplicationScoped
public class FaceImageDecoder {

    /** The formats OpenCV decodes for photos. */
    public static final Set<ImageFormat> FORMATS = Set.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.BMP);
    /** 10 MiB files, and 24 megapixels in 8-bit BGR. */
    public static final ImageLimits DEFAULT_LIMITS = new ImageLimits(10L * 1024 * 1024, 72_000_000L);
    private static final int BGR_BYTES = 3;

    private final ImageLimits limits;

    @Inject
    public FaceImageDecoder(@ConfigProperty(name = "careid.face.max-image-bytes", defaultValue = "10485760") long maxBytes,
                            @ConfigProperty(name = "careid.face.max-decoded-bytes", defaultValue = "72000000") long maxDecodedBytes) {
        this(new ImageLimits(maxBytes, maxDecodedBytes));
    }

    public FaceImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    /** Decoder with the default limits. */
    public static FaceImageDecoder withDefaults() {
        return new FaceImageDecoder(DEFAULT_LIMITS);
    }

    public ImageLimits limits() {
        return limits;
    }

    /** @throws org.careid.image.ImageException refused bytes (nothing decoded) or undecodable data */
    public DecodedImage decode(byte[] bytes) {
        ImageHeader header = ImageInspector.inspect(bytes, limits, FORMATS, BGR_BYTES);
        OpenCvLoader.ensureLoaded();
        MatOfByte buf = new MatOfByte(bytes);
        Mat mat;
        try {
            mat = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        } finally {
            buf.release();
        }
        if (mat == null || mat.empty()) {
            throw CorruptImageException.corrupt(header.format().label() + " image could not be decoded");
        }
        if (mat.cols() != header.width() || mat.rows() != header.height()) {
            mat.release();
            throw CorruptImageException.corrupt("decoded size differs from the header");
        }
        return new DecodedImage(applyOrientation(mat, header.orientation()), header);
    }

    /** EXIF orientation 1..8 to an upright image (the input is released when a new one is made). */
    public static Mat applyOrientation(Mat src, int orientation) {
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
}
