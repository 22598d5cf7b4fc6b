package org.careid.onboarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.biometric.ConsentService;
import org.careid.identity.Caller;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.CurrentIdentityAssociation;

/**
 * Bulk onboarding from an HR export: checks the files as a whole before anything changes (limits,
 * CSV structure, column mapping, consent text version, the ZIP's safety), records the job, and hands
 * it to {@link StaffImportRunner}, which does the rows in the background as the calling ADMIN.
 */
@ApplicationScoped
public class StaffImportService {
    private final Caller caller;
    private final CurrentIdentityAssociation identity;
    private final ConsentService consent;
    private final StaffImportRunner runner;
    private final long maxCsvBytes;
    private final int maxRows;
    private final long maxZipBytes;
    private final PhotoArchive.Limits zipLimits;
    private final Duration staleAfter;

    @Inject
    StaffImportService(Caller caller, CurrentIdentityAssociation identity, ConsentService consent, StaffImportRunner runner,
                       @ConfigProperty(name = "careid.import.max-csv-bytes", defaultValue = "5M") io.quarkus.runtime.configuration.MemorySize maxCsvBytes,
                       @ConfigProperty(name = "careid.import.max-rows", defaultValue = "20000") int maxRows,
                       @ConfigProperty(name = "careid.import.max-zip-bytes", defaultValue = "20M") io.quarkus.runtime.configuration.MemorySize maxZipBytes,
                       @ConfigProperty(name = "careid.import.max-zip-entries", defaultValue = "20000") int maxZipEntries,
                       @ConfigProperty(name = "careid.import.max-uncompressed-bytes", defaultValue = "128M") io.quarkus.runtime.configuration.MemorySize maxTotal,
                       @ConfigProperty(name = "careid.import.max-compression-ratio", defaultValue = "20") int maxRatio,
                       @ConfigProperty(name = "careid.face.max-image-bytes", defaultValue = "10485760") long maxPhotoBytes,
                       @ConfigProperty(name = "careid.import.stale-after", defaultValue = "PT2M") Duration staleAfter) {
        this.caller = caller;
        this.identity = identity;
        this.consent = consent;
        this.runner = runner;
        this.maxCsvBytes = maxCsvBytes.asLongValue();
        this.maxRows = maxRows;
        this.maxZipBytes = maxZipBytes.asLongValue();
        this.zipLimits = new PhotoArchive.Limits(maxZipEntries, maxPhotoBytes, maxTotal.asLongValue(), maxRatio);
        this.staleAfter = staleAfter;
    }

    /** Jobs cut off by a restart (no progress for {@code stale-after}) are marked interrupted: run the same files again. */
    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::markStale);
    }

    public StaffImportViews.JobView submit(FileUpload csv, FileUpload photos, String mapping, String consentTextVersion) {
        byte[] csvBytes = read(csv, "csv", maxCsvBytes, "csv-bytes");
        CsvTable table = CsvTable.parse(csvBytes, maxRows);
        ColumnMapping columns = ColumnMapping.of(mapping, table.header);
        String version = null;
        if (columns.has("consent")) {
            if (consentTextVersion == null || consentTextVersion.isBlank()) {
                throw ApiException.invalid("consentTextVersion", "is required with a consent column: the version of the consent "
                        + "text HR had people sign (GET /api/v1/consent/text)");
            }
            version = consentTextVersion.strip();
            String current = consent.text().version();
            if (!current.equals(version)) {
                throw new ApiException(ProblemType.CONSENT_TEXT_OUTDATED, "The consent was collected for text version " + version
                        + " but the current version is " + current + "; collect consent for the current text");
            }
        }
        byte[] zipBytes = photos == null ? null : read(photos, "photos", maxZipBytes, "zip-bytes");
        PhotoArchive archive = zipBytes == null ? PhotoArchive.empty() : PhotoArchive.read(zipBytes, zipLimits);
        StaffImportJob job;
        synchronized (this) { // one open import at a time: the check and the insert commit under the lock
            job = QuarkusTransaction.requiringNew().call(() -> create(table, archive, csvBytes, zipBytes));
        }
        // the identity itself, not the request-bound proxy: the job acts as this ADMIN after the request ended
        runner.start(new StaffImportRunner.Work(job.id, table, columns, archive, version, identity.getIdentity()));
        return StaffImportViews.JobView.of(job);
    }

    private StaffImportJob create(CsvTable table, PhotoArchive archive, byte[] csv, byte[] zip) {
        markStale();
        StaffImportJob open = StaffImportJob.find("state in ?1", List.of(StaffImportJob.State.QUEUED, StaffImportJob.State.RUNNING))
                .firstResult();
        if (open != null) {
            throw ApiException.conflict("Import " + open.id + " is still running; wait for it to finish");
        }
        StaffImportJob job = new StaffImportJob();
        job.id = UUID.randomUUID();
        job.state = StaffImportJob.State.QUEUED;
        job.createdBy = caller.id();
        job.createdAt = Instant.now();
        job.updatedAt = job.createdAt;
        job.csvSha256 = sha256(csv);
        job.zipSha256 = zip == null ? null : sha256(zip);
        job.rowsTotal = table.rows.size();
        job.photosTotal = archive.photoCount;
        job.persist();
        caller.audit(AuditEvent.of("STAFF_IMPORT_STARTED", AuditEvent.Outcome.SUCCESS).target("STAFF_IMPORT", job.id)
                .detail("rows", job.rowsTotal).detail("photos", job.photosTotal).detail("csvSha256", job.csvSha256)
                .detail("zipSha256", job.zipSha256));
        return job;
    }

    private void markStale() {
        Instant cutoff = Instant.now().minus(staleAfter);
        for (StaffImportJob j : StaffImportJob.<StaffImportJob>list("state in ?1 and updatedAt < ?2",
                List.of(StaffImportJob.State.QUEUED, StaffImportJob.State.RUNNING), cutoff)) {
            j.state = StaffImportJob.State.INTERRUPTED;
            j.failure = "cut off (the server stopped); run the same files again: rows already done are not changed twice";
            j.finishedAt = Instant.now();
        }
    }

    @Transactional
    public StaffImportViews.JobView get(UUID id) {
        return StaffImportViews.JobView.of(require(id));
    }

    @Transactional
    public List<StaffImportViews.JobView> recent() {
        return StaffImportJob.<StaffImportJob>findAll(Sort.descending("createdAt")).page(0, 20).list().stream()
                .map(StaffImportViews.JobView::of).toList();
    }

    /** The per-row report as CSV: line, employee id, staff outcome, photo outcome, reason. */
    @Transactional
    public String report(UUID id) {
        require(id);
        StringBuilder out = new StringBuilder("line,employeeId,staff,photo,reason\r\n");
        for (StaffImportRow r : StaffImportRow.<StaffImportRow>list("jobId = ?1 order by line", id)) {
            out.append(r.line).append(',').append(cell(r.employeeId)).append(',').append(r.staffOutcome).append(',')
                    .append(r.photoOutcome).append(',').append(cell(r.reason)).append("\r\n");
        }
        return out.toString();
    }

    private static StaffImportJob require(UUID id) {
        StaffImportJob job = StaffImportJob.findById(id);
        if (job == null) {
            throw ApiException.notFound("Import " + id);
        }
        return job;
    }

    /**
     * A CSV cell, quoted when needed; a value a spreadsheet would run as a formula (=, +, -, @, tab,
     * CR first) is prefixed with an apostrophe, since names and reasons come from the uploaded file.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        if ("=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static byte[] read(FileUpload upload, String field, long max, String limit) {
        if (upload == null) {
            throw ApiException.invalid(field, "is required (multipart part)");
        }
        if (upload.size() > max) {
            throw ImportFileRefused.tooLarge(limit, max, field + " has " + upload.size() + " bytes, limit " + max);
        }
        try (InputStream in = Files.newInputStream(upload.uploadedFile())) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw ImportFileRefused.tooLarge(limit, max, field + " is over " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded part " + field, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
