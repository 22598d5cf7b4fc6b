package org.careid.face.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The labelled photos the mask tools read from ../shared/datasets, and the subject-disjoint split.
 * MFR2 ({@code masked/mfr2}, 53 identities with and without masks), the detection set
 * ({@code masked/detection/with_mask|without_mask}, no identities: every photo is its own group) and
 * the bare identity photos of {@code faces/}. A group (identity, or file) is held out when the CRC32
 * of its name is divisible by 3: the same rule in every tool, so held-out stays held-out.
 */
public final class MaskDatasets {

    public static final String SPLIT_RULE = "group held out when CRC32(group name) % 3 == 0; group = MFR2 or faces/ identity, "
            + "or the file for the detection set (no identities)";

    private MaskDatasets() {
    }

    public static boolean heldOut(String group) {
        CRC32 crc = new CRC32();
        crc.update(group.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue() % 3 == 0;
    }

    /** MFR2: identity folders of PNGs, mask type per image from mfr2_labels.txt. */
    public static List<FaceSample> mfr2(Path dir, FaceSampleExtractor extractor) throws IOException {
        Map<String, String> types = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("mfr2_labels.txt"))) {
            String[] f = line.split(",\\s*");
            if (f.length == 3) {
                types.put(f[0].trim() + "_" + String.format("%04d", Integer.parseInt(f[1].trim())), f[2].trim());
            }
        }
        List<FaceSample> out = new ArrayList<>();
        for (Path p : FaceSampleExtractor.images(dir)) {
            String identity = p.getParent().getFileName().toString();
            String stem = p.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            String type = types.get(stem);
            if (type == null) {
                continue;
            }
            out.add(sample("mfr2", "mfr2:" + identity, identity + "/" + p.getFileName(), !type.equals("no-mask"), type, p, extractor));
        }
        return out;
    }

    /** A folder with {@code with_mask/} and {@code without_mask/} (images anywhere beneath them). */
    public static List<FaceSample> withWithout(String source, Path dir, FaceSampleExtractor extractor) throws IOException {
        List<FaceSample> out = new ArrayList<>();
        for (String label : new String[] {"with_mask", "without_mask"}) {
            Path sub = dir.resolve(label);
            for (Path p : FaceSampleExtractor.images(sub)) {
                String rel = label + "/" + sub.relativize(p);
                boolean masked = label.equals("with_mask");
                out.add(sample(source, source + ":" + rel, rel, masked, masked ? "unknown" : "no-mask", p, extractor));
            }
        }
        return out;
    }

    /** One folder per identity, every photo bare. */
    public static List<FaceSample> bareIdentities(String source, Path dir, FaceSampleExtractor extractor) throws IOException {
        List<FaceSample> out = new ArrayList<>();
        for (Path p : FaceSampleExtractor.images(dir)) {
            String identity = dir.relativize(p).getName(0).toString();
            out.add(sample(source, source + ":" + identity, dir.relativize(p).toString(), false, "no-mask", p, extractor));
        }
        return out;
    }

    private static FaceSample sample(String source, String group, String file, boolean masked, String type, Path p,
                                     FaceSampleExtractor extractor) throws IOException {
        String[] failure = new String[1];
        float[] e = extractor.embed(p, failure);
        return new FaceSample(source, group, file, masked, type, e, failure[0]);
    }
}
