package org.careid.biometric;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.careid.image.ImageException.Reason;
import org.careid.image.ImageTooLargeException;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Reads uploaded parts into memory, each bounded in bytes before it is read: an image part by the
 * larger of the face and fingerprint byte limits (the modality's own limit is checked again by the
 * image inspector), and at most {@link #MAX_FILES} files per field. The server deletes the temporary
 * upload files when the request ends (quarkus.http.body.delete-uploaded-files-on-end); CareID never
 * keeps them. The whole body is bounded by quarkus.http.limits.max-body-size.
 */
public final class Uploads {
    /** More images or impressions than any enrollment needs. */
    public static final int MAX_FILES = 20;
    private static final long DEFAULT_IMAGE_BYTES = 10L * 1024 * 1024;

    private Uploads() {}

    /** The bytes of a required image part, or a 400 naming the field, or 413 over the byte limit. */
    public static byte[] bytes(FileUpload upload, String field) {
        if (upload == null) {
            throw missing(field);
        }
        long limit = maxImageBytes();
        if (upload.size() > limit) {
            throw new ImageTooLargeException(Reason.TOO_MANY_BYTES, field + " has " + upload.size() + " bytes, limit " + limit);
        }
        byte[] read = read(upload, field, limit);
        if (read.length > limit) {
            throw new ImageTooLargeException(Reason.TOO_MANY_BYTES, field + " has over " + limit + " bytes");
        }
        return read;
    }

    /** The bytes of a required part that is not an image, or 413 {@code request-too-large} over {@code maxBytes}. */
    public static byte[] bytes(FileUpload upload, String field, long maxBytes) {
        if (upload == null) {
            throw missing(field);
        }
        byte[] read = upload.size() > maxBytes ? null : read(upload, field, maxBytes);
        if (read == null || read.length > maxBytes) {
            throw new ApiException(ProblemType.REQUEST_TOO_LARGE, field + " is over " + maxBytes + " bytes");
        }
        return read;
    }

    /** The bytes of an optional part, or null. */
    public static byte[] optional(FileUpload upload, String field) {
        return upload == null ? null : bytes(upload, field);
    }

    public static List<byte[]> allBytes(List<FileUpload> uploads, String field) {
        return allBytes(uploads, field, MAX_FILES);
    }

    /** As {@link #allBytes(List, String)}, with a field's own file count limit (a challenge burst has more frames). */
    public static List<byte[]> allBytes(List<FileUpload> uploads, String field, int maxFiles) {
        if (uploads == null || uploads.isEmpty()) {
            throw missing(field);
        }
        if (uploads.size() > maxFiles) {
            throw ApiException.invalid(field, "at most " + maxFiles + " files per request");
        }
        List<byte[]> all = new ArrayList<>(uploads.size());
        for (FileUpload upload : uploads) {
            all.add(bytes(upload, field));
        }
        return all;
    }

    /** Reads at most {@code limit + 1} bytes, so a part that grew past its declared size is still bounded. */
    private static byte[] read(FileUpload upload, String field, long limit) {
        try (InputStream in = Files.newInputStream(upload.uploadedFile())) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded part " + field, e);
        }
    }

    private static long maxImageBytes() {
        var config = ConfigProvider.getConfig();
        long face = config.getOptionalValue("careid.face.max-image-bytes", Long.class).orElse(DEFAULT_IMAGE_BYTES);
        long fingerprint = config.getOptionalValue("careid.fingerprint.max-image-bytes", Long.class).orElse(DEFAULT_IMAGE_BYTES);
        return Math.max(face, fingerprint);
    }

    private static ApiException missing(String field) {
        return ApiException.invalid(field, "is required (multipart part)");
    }
}
