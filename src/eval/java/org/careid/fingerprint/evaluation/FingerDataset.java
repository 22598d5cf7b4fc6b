package org.careid.fingerprint.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A dataset folder with one sub-folder per finger ({@code <db>_<finger>}), each holding the
 * impressions of that finger and optionally a {@code dpi.txt}. Impressions are ordered by the number
 * after the last underscore of the file name (FVC: {@code 101_3.tif} is impression 3).
 */
record FingerDataset(List<Finger> fingers) {
    private static final Pattern IMPRESSION = Pattern.compile("_(\\d+)\\.[^.]+$");
    private static final List<String> EXTENSIONS = List.of(".tif", ".tiff", ".png", ".bmp", ".jpg", ".jpeg", ".wsq");

    record Finger(String name, String database, int dpi, List<Path> impressions) {
    }

    static FingerDataset load(Path root, OptionalInt dpiOverride) throws IOException {
        List<Finger> fingers = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> images;
                try (Stream<Path> files = Files.list(dir)) {
                    images = files.filter(FingerDataset::isImage)
                            .sorted(Comparator.comparingInt(FingerDataset::impressionNumber).thenComparing(Path::toString))
                            .toList();
                }
                if (images.isEmpty()) {
                    continue;
                }
                String name = dir.getFileName().toString();
                int cut = name.lastIndexOf('_');
                String database = cut > 0 ? name.substring(0, cut) : name;
                fingers.add(new Finger(name, database, dpi(dir, dpiOverride), images));
            }
        }
        return new FingerDataset(List.copyOf(fingers));
    }

    private static int dpi(Path dir, OptionalInt override) throws IOException {
        if (override.isPresent()) {
            return override.getAsInt();
        }
        Path file = dir.resolve("dpi.txt");
        return Files.exists(file) ? Integer.parseInt(Files.readString(file).trim()) : 500;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    static int impressionNumber(Path file) {
        Matcher m = IMPRESSION.matcher(file.getFileName().toString());
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    int imageCount() {
        return fingers.stream().mapToInt(f -> f.impressions().size()).sum();
    }
}
