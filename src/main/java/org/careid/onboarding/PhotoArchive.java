package org.careid.onboarding;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The badge photos of an import, read from a ZIP into memory with every bound checked while it is
 * inflated (declared sizes are not trusted): entry count, bytes a photo, total uncompressed bytes
 * (413 {@code request-too-large}), and the compression ratio of what was inflated so far against the
 * archive's size (a zip bomb: 422 {@code import-file-refused}, reason {@code COMPRESSION_RATIO}). An
 * entry name that is absolute, climbs out with {@code ..}, uses a backslash, a drive letter or a
 * control character refuses the archive (reason {@code UNSAFE_ENTRY_NAME}): nothing is ever written
 * to disk, but such an archive was made to attack an unzipper. A photo is named by the employee id
 * ({@code E1234.jpg}, in any folder); macOS metadata and hidden files are skipped, other files are
 * counted as unmatched.
 */
final class PhotoArchive {
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "bmp");
    private static final Pattern EMPLOYEE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Below this many inflated bytes the ratio is not judged: small files compress well for good reasons. */
    static final long RATIO_FLOOR_BYTES = 1L << 20;

    /** Bounds: entries, bytes a photo, inflated bytes in all, inflated bytes per archive byte. */
    record Limits(int maxEntries, long maxPhotoBytes, long maxTotalBytes, int maxRatio) {}

    /** Photos by employee id (each may have several files, which the import refuses as ambiguous). */
    final Map<String, List<Photo>> byEmployeeId;
    /** Files that are not photos named by an employee id. */
    final List<String> ignored;
    final int photoCount;

    record Photo(String name, byte[] bytes) {}

    private PhotoArchive(Map<String, List<Photo>> byEmployeeId, List<String> ignored, int photoCount) {
        this.byEmployeeId = byEmployeeId;
        this.ignored = ignored;
        this.photoCount = photoCount;
    }

    static PhotoArchive empty() {
        return new PhotoArchive(Map.of(), List.of(), 0);
    }

    static PhotoArchive read(byte[] zip, Limits limits) {
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K' || !(zip[2] == 3 && zip[3] == 4 || zip[2] == 5 && zip[3] == 6)) {
            throw ImportFileRefused.unreadable("photos", "NOT_A_ZIP", "The photo file is not a ZIP archive");
        }
        Map<String, List<Photo>> photos = new HashMap<>();
        List<String> ignored = new ArrayList<>();
        int entries = 0;
        int photoCount = 0;
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries++;
                if (entries > limits.maxEntries()) {
                    throw ImportFileRefused.tooLarge("zip-entries", limits.maxEntries(),
                            "The ZIP has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                requireSafe(name);
                if (entry.isDirectory()) {
                    continue;
                }
                String base = name.substring(name.lastIndexOf('/') + 1);
                int dot = base.lastIndexOf('.');
                String stem = dot > 0 ? base.substring(0, dot) : base;
                String extension = dot > 0 ? base.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
                boolean skipped = name.startsWith("__MACOSX/") || base.startsWith(".");
                boolean photo = !skipped && EXTENSIONS.contains(extension) && EMPLOYEE_ID.matcher(stem).matches();
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                long entryBytes = 0;
                int read;
                while ((read = in.read(buffer)) > 0) {
                    entryBytes += read;
                    total += read;
                    if (entryBytes > limits.maxPhotoBytes()) {
                        throw ImportFileRefused.tooLarge("zip-photo-bytes", limits.maxPhotoBytes(),
                                "The ZIP entry " + name + " inflates to more than " + limits.maxPhotoBytes() + " bytes");
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw ImportFileRefused.tooLarge("zip-total-bytes", limits.maxTotalBytes(),
                                "The ZIP inflates to more than " + limits.maxTotalBytes() + " bytes");
                    }
                    if (total > RATIO_FLOOR_BYTES && total > (long) limits.maxRatio() * zip.length) {
                        throw ImportFileRefused.unreadable("photos", "COMPRESSION_RATIO", "The ZIP inflates to over "
                                + limits.maxRatio() + " times its size (a zip bomb?); photos hardly compress");
                    }
                    if (photo) {
                        bytes.write(buffer, 0, read);
                    }
                }
                if (photo) {
                    photos.computeIfAbsent(stem, k -> new ArrayList<>(1)).add(new Photo(name, bytes.toByteArray()));
                    photoCount++;
                } else if (!skipped) {
                    ignored.add(name);
                }
            }
        } catch (ZipException e) {
            throw ImportFileRefused.unreadable("photos", "CORRUPT_ZIP", "The ZIP archive is damaged or uses an unsupported feature");
        } catch (IOException e) {
            throw ImportFileRefused.unreadable("photos", "CORRUPT_ZIP", "The ZIP archive cannot be read to its end");
        }
        return new PhotoArchive(photos, ignored, photoCount);
    }

    private static void requireSafe(String name) {
        boolean unsafe = name.isEmpty() || name.length() > 255 || name.startsWith("/") || name.contains("\\")
                || name.matches("^[A-Za-z]:.*") || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (!unsafe) {
            for (String part : name.split("/")) {
                if (part.equals("..")) {
                    unsafe = true;
                    break;
                }
            }
        }
        if (unsafe) {
            throw ImportFileRefused.unreadable("photos", "UNSAFE_ENTRY_NAME",
                    "The ZIP has an entry whose name leaves its folder or is not a plain path; nothing was imported");
        }
    }
}
