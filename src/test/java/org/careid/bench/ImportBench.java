package org.careid.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.careid.crypto.CryptoProviders;

/**
 * The staff import benchmark (scripts/bench-import), against a real server: ROWS CSV rows, the
 * first PHOTOS of them with a badge photo (consent yes), photos made from the shared face dataset
 * (every image of every identity folder that ImageIO decodes, scaled to at most 300 px, JPEG),
 * consecutive rows taking different identities. The dataset has far fewer identities than rows
 * need: the first usable photo of each identity enrolls, later photos of an identity are refused
 * as duplicate identity after the full face pipeline (what a photo costs either way). Prints the
 * time from upload to DONE, rows/s, photos/s and the job's counters.
 *   ImportBench BASE PASSWORD FACES_DIR ROWS PHOTOS
 */
public final class ImportBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ImportBench() {}

    public static void main(String[] args) throws Exception {
        CryptoProviders.installPreferred();
        HttpBench bench = new HttpBench(args[0], args[1]);
        Path faces = Path.of(args[2]);
        int rows = Integer.parseInt(args[3]);
        int photos = Integer.parseInt(args[4]);

        List<List<byte[]>> identities = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(faces)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<byte[]> images = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        byte[] jpeg = badge(f);
                        if (jpeg != null) {
                            images.add(jpeg);
                        }
                    }
                }
                if (!images.isEmpty()) {
                    identities.add(images);
                }
            }
        }
        int distinct = identities.stream().mapToInt(List::size).sum();
        System.out.printf(Locale.ROOT, "dataset: %d identities, %d decodable images (ImageIO: JPEG/PNG/BMP; the WebP trap is skipped)%n",
                identities.size(), distinct);

        StringBuilder csv = new StringBuilder("employee_id,name,role,ward,scopes,consent\r\n");
        ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipBytes)) {
            for (int i = 0; i < rows; i++) {
                String id = String.format(Locale.ROOT, "B%06d", i);
                boolean photo = i < photos;
                csv.append(id).append(",Bench Person ").append(i).append(",nurse,Ward ").append(i % 40)
                        .append(",patient/*.read device:unlock,").append(photo ? "yes" : "no").append("\r\n");
                if (photo) {
                    List<byte[]> person = identities.get(i % identities.size());
                    zip.putNextEntry(new ZipEntry("badges/" + id + ".jpg"));
                    zip.write(person.get((i / identities.size()) % person.size()));
                    zip.closeEntry();
                }
            }
        }
        byte[] csvBytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "upload: CSV %d rows (%d KiB), ZIP %d photos (%d KiB)%n", rows, csvBytes.length / 1024, photos,
                zipBytes.size() / 1024);

        HttpBench.Multipart form = new HttpBench.Multipart().file("csv", "staff.csv", csvBytes)
                .file("photos", "badges.zip", zipBytes.toByteArray())
                .field("mapping", "{\"employeeId\":\"employee_id\",\"displayName\":\"name\",\"clinicalRole\":\"role\"}")
                .field("consentTextVersion", (String) HttpBench.json(get(bench, "/api/v1/consent/text")).get("version"));
        long start = System.nanoTime();
        HttpResponse<byte[]> submitted = HTTP.send(HttpRequest.newBuilder(URI.create(bench.base + "/api/v1/staff/import"))
                .header("Authorization", "Bearer " + bench.admin).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpBench.check(submitted, 202);
        String job = (String) HttpBench.json(submitted).get("id");
        double accepted = (System.nanoTime() - start) / 1e9;
        Map<?, ?> view;
        long lastPrint = 0;
        while (true) {
            view = HttpBench.json(get(bench, "/api/v1/staff/import/" + job));
            String state = (String) view.get("state");
            if (!"QUEUED".equals(state) && !"RUNNING".equals(state)) {
                break;
            }
            if (System.nanoTime() - lastPrint > 30e9) {
                System.out.printf(Locale.ROOT, "  %.0f s: %s rows done, %s enrolled%n", (System.nanoTime() - start) / 1e9,
                        view.get("rowsDone"), view.get("enrolled"));
                lastPrint = System.nanoTime();
            }
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "upload checked and job accepted in %.1f s%n", accepted);
        System.out.printf(Locale.ROOT, "state %s after %.1f s: %.1f rows/s, %.2f photos/s%n", view.get("state"), seconds,
                rows / seconds, photos / seconds);
        System.out.println("job: " + view);
        String report = new String(get(bench, "/api/v1/staff/import/" + job + "/report").body(), StandardCharsets.UTF_8);
        Map<String, Long> reasons = new java.util.TreeMap<>();
        for (String line : report.split("\r\n")) {
            if (line.contains(",REFUSED,")) {
                // line,employeeId,staff,photo,reason: the reason is everything after the fourth comma (it may hold commas)
                int at = -1;
                for (int c = 0; c < 4 && (at = line.indexOf(',', at + 1)) >= 0; c++) { }
                String reason = at < 0 ? "" : line.substring(at + 1);
                String kind = reason.replaceAll("[\"]", "").replaceFirst(":.*", "");
                reasons.merge(kind, 1L, Long::sum);
            }
        }
        System.out.println("refusals by kind: " + reasons);
    }

    private static HttpResponse<byte[]> get(HttpBench bench, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(bench.base + path)).header("Authorization", "Bearer " + bench.admin).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The image scaled to at most 300 px on its longer side, as a JPEG; null when ImageIO cannot decode it. */
    private static byte[] badge(Path file) {
        try {
            BufferedImage source = ImageIO.read(file.toFile());
            if (source == null) {
                return null;
            }
            double scale = Math.min(1.0, 300.0 / Math.max(source.getWidth(), source.getHeight()));
            int w = (int) Math.round(source.getWidth() * scale);
            int h = (int) Math.round(source.getHeight() * scale);
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, w, h, null);
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "jpg", bytes);
            return bytes.toByteArray();
        } catch (Exception e) {
            return null;
        }
    }
}
