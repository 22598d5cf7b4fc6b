package org.careid.fingerprint.evaluation;

import com.machinezoo.sourceafis.FingerprintTemplate;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.careid.fingerprint.ExtractedFingerprint;
import org.careid.fingerprint.FingerprintGallery;
import org.careid.fingerprint.FingerprintMatch;
import org.careid.fingerprint.FingerprintPipeline;
import org.careid.fingerprint.FingerprintThresholds;

/**
 * Speed of the fingerprint core (run through scripts/bench-fingerprint): extraction (decode, CLAHE,
 * SourceAFIS), 1:1 verification against a staff member with 3 impressions, and 1:N identification
 * over 1,000 fingers x 3 impressions, sequential and parallel. The large gallery holds the real
 * templates of the dataset plus perturbed copies ({@link SyntheticTemplates}); probes are real
 * impressions not in the gallery. Prints medians and 99th percentiles in milliseconds, wall-clock and,
 * for the single-threaded steps, CPU time of the working thread (comparable on a busy machine).
 */
public final class FingerprintBenchmark {
    private FingerprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: FingerprintBenchmark DATASET_DIR [--fingers N] [--rounds N]");
            System.exit(2);
        }
        Path dataset = Path.of(args[0]);
        int galleryFingers = 1000;
        int rounds = 3;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--fingers" -> galleryFingers = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        FingerDataset data = FingerDataset.load(dataset, java.util.OptionalInt.empty());
        FingerprintPipeline pipeline = FingerprintPipeline.standalone(true);
        System.out.printf(Locale.ROOT, "cores %d, load average %.1f, images %d, fingers %d%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                data.imageCount(), data.fingers().size());
        System.out.println("wall-clock times include waiting for the CPU when other jobs run; CPU times do not");

        // Extraction: first pass warms the JIT and is not counted.
        List<List<FingerprintTemplate>> templates = new ArrayList<>();
        List<Double> extraction = new ArrayList<>();
        List<Double> extractionCpu = new ArrayList<>();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < 2; pass++) {
            templates.clear();
            for (FingerDataset.Finger finger : data.fingers()) {
                List<FingerprintTemplate> impressions = new ArrayList<>();
                for (Path image : finger.impressions()) {
                    byte[] bytes = Files.readAllBytes(image);
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    ExtractedFingerprint e = pipeline.extract(bytes, finger.dpi());
                    long t1 = System.nanoTime();
                    long c1 = cpu.getCurrentThreadCpuTime();
                    if (pass == 1) {
                        extraction.add((t1 - t0) / 1e6);
                        extractionCpu.add((c1 - c0) / 1e6);
                    }
                    impressions.add(e.template());
                }
                templates.add(impressions);
            }
        }
        print("extraction (decode + CLAHE + SourceAFIS), per image", extraction);
        print("  same, CPU time of the extracting thread", extractionCpu);

        // Gallery: impressions 1-3 of every real finger, then perturbed copies up to galleryFingers.
        FingerprintThresholds thresholds = FingerprintThresholds.defaults();
        FingerprintGallery sequential = new FingerprintGallery(thresholds, Integer.MAX_VALUE);
        FingerprintGallery parallel = new FingerprintGallery(thresholds, 1);
        List<FingerprintGallery.Entry> entries = new ArrayList<>();
        List<UUID> realStaff = new ArrayList<>();
        for (List<FingerprintTemplate> impressions : templates) {
            UUID staff = UUID.randomUUID();
            realStaff.add(staff);
            for (FingerprintTemplate t : impressions.subList(0, 3)) {
                entries.add(new FingerprintGallery.Entry(staff, 1, UUID.randomUUID(), t));
            }
        }
        SyntheticTemplates synthetic = new SyntheticTemplates(42);
        for (int f = templates.size(); f < galleryFingers; f++) {
            List<FingerprintTemplate> source = templates.get(f % templates.size());
            UUID staff = UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                entries.add(new FingerprintGallery.Entry(staff, 1 + f % 10, UUID.randomUUID(), synthetic.perturb(source.get(i))));
            }
        }
        sequential.addAll(entries);
        parallel.addAll(entries);
        System.out.printf(Locale.ROOT, "gallery: %d fingers, %d templates (%d real fingers, the rest perturbed copies)%n",
                sequential.fingerCount(), sequential.templateCount(), templates.size());

        List<FingerprintTemplate> probes = new ArrayList<>();
        List<UUID> probeOwners = new ArrayList<>();
        for (int f = 0; f < templates.size(); f++) {
            for (FingerprintTemplate t : templates.get(f).subList(3, templates.get(f).size())) {
                probes.add(t);
                probeOwners.add(realStaff.get(f));
            }
        }

        List<Double> verify = new ArrayList<>();
        for (int r = 0; r < rounds + 1; r++) {
            for (int p = 0; p < probes.size(); p++) {
                long t0 = System.nanoTime();
                sequential.verify(probes.get(p), probeOwners.get(p));
                long t1 = System.nanoTime();
                if (r > 0) {
                    verify.add((t1 - t0) / 1e6);
                }
            }
        }
        print("1:1 verify against a staff member with 3 impressions", verify);

        int searches = Math.min(probes.size(), 60);
        for (FingerprintGallery gallery : List.of(sequential, parallel)) {
            List<Double> search = new ArrayList<>();
            List<Double> searchCpu = new ArrayList<>();
            int found = 0;
            for (int r = 0; r < rounds + 1; r++) {
                for (int p = 0; p < searches; p++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    FingerprintMatch match = gallery.identify(probes.get(p));
                    long t1 = System.nanoTime();
                    long c1 = cpu.getCurrentThreadCpuTime();
                    if (r > 0) {
                        search.add((t1 - t0) / 1e6);
                        searchCpu.add((c1 - c0) / 1e6);
                        if (match.matched() && probeOwners.get(p).equals(match.staffId())) {
                            found++;
                        }
                    }
                }
            }
            print("1:N identify over " + gallery.templateCount() + " templates, "
                    + (gallery == parallel ? "parallel" : "sequential"), search);
            if (gallery == sequential) {
                print("  same, CPU time of the searching thread", searchCpu);
            }
            System.out.printf(Locale.ROOT, "  (identification threshold %.1f; %d of %d searches found the right person)%n",
                    thresholds.identification(gallery.templateCount()), found, search.size());
        }
    }

    private static void print(String what, List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-60s n=%5d median %8.3f ms  p99 %8.3f ms  max %8.3f ms%n", what, sorted.length,
                percentile(sorted, 0.5), percentile(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

}
