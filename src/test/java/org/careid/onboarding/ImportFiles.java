package org.careid.onboarding;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.careid.support.Api;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Builds import files (CSV text, ZIPs, hostile ones too) and runs imports through the API. */
final class ImportFiles {
    private ImportFiles() {}

    static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A ZIP of these entries (name to bytes), in order. */
    static byte[] zip(Map<String, byte[]> entries) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            map.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return map;
    }

    static Response submit(String bearer, byte[] csv, byte[] zip, String mapping, String consentVersion) {
        RequestSpecification request = RestAssured.given().header("Authorization", "Bearer " + bearer);
        if (csv != null) {
            request = request.multiPart("csv", "staff.csv", csv, "text/csv");
        }
        if (zip != null) {
            request = request.multiPart("photos", "photos.zip", zip, "application/zip");
        }
        if (mapping != null) {
            request = request.multiPart("mapping", mapping);
        }
        if (consentVersion != null) {
            request = request.multiPart("consentTextVersion", consentVersion);
        }
        return request.post("/api/v1/staff/import");
    }

    /** Waits (up to 3 minutes) until the job is no longer queued or running; returns its view. */
    static io.restassured.path.json.JsonPath finished(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            io.restassured.path.json.JsonPath job = Api.as(Api.admin()).get("/api/v1/staff/import/" + id).then()
                    .statusCode(200).body("state", anyOf(equalTo("QUEUED"), equalTo("RUNNING"), equalTo("DONE")))
                    .extract().jsonPath();
            if ("DONE".equals(job.getString("state"))) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " did not finish in 3 minutes");
    }

    /** The report's rows by CSV line number: {employeeId, staff, photo, reason}. */
    static Map<String, List<String>> report(String id) {
        String text = Api.as(Api.admin()).accept("text/csv").get("/api/v1/staff/import/" + id + "/report").then()
                .statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/csv")).extract().asString();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        String[] lines = text.split("\r\n");
        if (!"line,employeeId,staff,photo,reason".equals(lines[0])) {
            throw new AssertionError("report header: " + lines[0]);
        }
        for (int i = 1; i < lines.length; i++) {
            List<String> cells = cells(lines[i]);
            rows.put(cells.get(0), cells.subList(1, cells.size()));
        }
        return rows;
    }

    /** One CSV line's cells (quotes undone). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
