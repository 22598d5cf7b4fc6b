package org.careid.biometric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.careid.web.ApiException;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Reads uploaded image parts into memory. The server deletes the temporary upload files when the
 * request ends (quarkus.http.body.delete-uploaded-files-on-end); CareID never keeps them.
 */
public final class Uploads {
    private Uploads() {}

    /** The bytes of a required part, or a 400 naming the field. */
    public static byte[] bytes(FileUpload upload, String field) {
        if (upload == null) {
            throw missing(field);
        }
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded part " + field, e);
        }
    }

    /** The bytes of an optional part, or null. */
    public static byte[] optional(FileUpload upload, String field) {
        return upload == null ? null : bytes(upload, field);
    }

    public static List<byte[]> allBytes(List<FileUpload> uploads, String field) {
        if (uploads == null || uploads.isEmpty()) {
            throw missing(field);
        }
        List<byte[]> all = new ArrayList<>(uploads.size());
        for (FileUpload upload : uploads) {
            all.add(bytes(upload, field));
        }
        return all;
    }

    private static ApiException missing(String field) {
        return ApiException.invalid(field, "is required (multipart part)");
    }
}
