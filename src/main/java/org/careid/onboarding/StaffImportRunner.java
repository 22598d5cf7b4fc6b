package org.careid.onboarding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.careid.audit.AuditEvent;
import org.careid.biometric.ConsentService;
import org.careid.face.FaceService;
import org.careid.face.model.FaceModelsUnavailableException;
import org.careid.identity.Caller;
import org.careid.identity.StaffMember;
import org.careid.identity.StaffService;
import org.careid.identity.StaffViews;
import org.careid.image.ImageException;
import org.careid.onboarding.StaffImportRow.PhotoOutcome;
import org.careid.onboarding.StaffImportRow.StaffOutcome;
import org.careid.web.ApiException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Does an import's rows in the background, one at a time, as the ADMIN who started it (their
 * identity is carried into the job's request context, so every change is audited as theirs, exactly
 * as through the single-person endpoints). Each row goes through the same services the kiosk uses:
 * {@link StaffService} (validation, known scopes), {@link ConsentService} (source {@code import <job>}),
 * {@link FaceService} (quality gate, presentation-attack check, duplicate identity). Idempotent by
 * employee id: a person already there with the same fields is left alone, a consent already
 * recorded is not recorded again, and a person who has a face is not enrolled again.
 */
@ApplicationScoped
class StaffImportRunner {
    private static final Logger LOG = Logger.getLogger(StaffImportRunner.class);
    private static final int BATCH_ROWS = 25;
    private static final long BATCH_NANOS = 2_000_000_000L;
    private static final Set<String> YES = Set.of("yes", "y", "true", "1", "x");
    private static final Set<String> NO = Set.of("no", "n", "false", "0", "");

    record Work(UUID jobId, CsvTable table, ColumnMapping columns, PhotoArchive archive, String consentVersion,
                SecurityIdentity identity) {}

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "careid-staff-import");
        t.setDaemon(true);
        return t;
    });

    @Inject
    StaffService staff;
    @Inject
    ConsentService consent;
    @Inject
    FaceService faces;
    @Inject
    Validator validator;
    @Inject
    Caller caller;

    void start(Work work) {
        executor.execute(() -> run(work));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private static final class Counts {
        int done;
        int created;
        int updated;
        int unchanged;
        int refused;
        int enrolled;
    }

    private void run(Work work) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(work.identity());
            QuarkusTransaction.requiringNew().run(() -> {
                StaffImportJob job = StaffImportJob.findById(work.jobId());
                job.state = StaffImportJob.State.RUNNING;
                job.updatedAt = Instant.now();
            });
            Counts counts = new Counts();
            List<StaffImportRow> batch = new ArrayList<>();
            Map<String, Integer> firstLine = new HashMap<>();
            Set<String> matched = new HashSet<>();
            long flushed = System.nanoTime();
            for (CsvTable.Row row : work.table().rows) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // shutting down: the job is marked interrupted at the next start
                }
                StaffImportRow result = process(work, row, firstLine, matched);
                counts.done++;
                if (result.refused()) {
                    counts.refused++;
                }
                switch (result.staffOutcome) {
                    case CREATED -> counts.created++;
                    case UPDATED -> counts.updated++;
                    case UNCHANGED -> counts.unchanged++;
                    default -> { }
                }
                if (result.photoOutcome == PhotoOutcome.ENROLLED) {
                    counts.enrolled++;
                }
                batch.add(result);
                if (batch.size() >= BATCH_ROWS || System.nanoTime() - flushed > BATCH_NANOS) {
                    flush(work.jobId(), batch, counts, null);
                    flushed = System.nanoTime();
                }
            }
            Set<String> unmatched = new HashSet<>(work.archive().byEmployeeId.keySet());
            unmatched.removeAll(matched);
            int unmatchedPhotos = unmatched.stream().mapToInt(id -> work.archive().byEmployeeId.get(id).size()).sum()
                    + work.archive().ignored.size();
            flush(work.jobId(), batch, counts, unmatchedPhotos);
            caller.audit(AuditEvent.of("STAFF_IMPORT_FINISHED", counts.refused == 0 ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE)
                    .target("STAFF_IMPORT", work.jobId()).detail("rows", counts.done).detail("created", counts.created)
                    .detail("updated", counts.updated).detail("unchanged", counts.unchanged).detail("refused", counts.refused)
                    .detail("enrolled", counts.enrolled).detail("unmatchedPhotos", unmatchedPhotos));
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.errorf(e, "Staff import %s failed (incident %s)", work.jobId(), incident);
            QuarkusTransaction.requiringNew().run(() -> {
                StaffImportJob job = StaffImportJob.findById(work.jobId());
                job.state = StaffImportJob.State.FAILED;
                job.failure = "unexpected error, incident " + incident + " in the server log; run the same files again";
                job.finishedAt = Instant.now();
                job.updatedAt = job.finishedAt;
            });
        } finally {
            requestContext.terminate();
        }
    }

    /** Stores the batch's report rows and the counters; {@code unmatchedPhotos} non-null finishes the job. */
    private static void flush(UUID jobId, List<StaffImportRow> batch, Counts counts, Integer unmatchedPhotos) {
        QuarkusTransaction.requiringNew().run(() -> {
            batch.forEach(r -> r.persist());
            StaffImportJob job = StaffImportJob.findById(jobId);
            job.rowsDone = counts.done;
            job.rowsCreated = counts.created;
            job.rowsUpdated = counts.updated;
            job.rowsUnchanged = counts.unchanged;
            job.rowsRefused = counts.refused;
            job.photosEnrolled = counts.enrolled;
            job.updatedAt = Instant.now();
            if (unmatchedPhotos != null) {
                job.photosUnmatched = unmatchedPhotos;
                job.state = StaffImportJob.State.DONE;
                job.finishedAt = job.updatedAt;
            }
        });
        batch.clear();
    }

    private StaffImportRow process(Work work, CsvTable.Row row, Map<String, Integer> firstLine, Set<String> matched) {
        ColumnMapping columns = work.columns();
        StaffImportRow r = new StaffImportRow();
        r.id = UUID.randomUUID();
        r.jobId = work.jobId();
        r.line = row.line();
        r.photoOutcome = PhotoOutcome.NOT_TRIED;
        String employeeId = columns.value(row, "employeeId");
        r.employeeId = employeeId.length() > 64 ? employeeId.substring(0, 64) : employeeId;
        if (row.fields().size() != work.table().header.size()) {
            return refuse(r, "bad row: " + row.fields().size() + " fields where the header has " + work.table().header.size());
        }
        Integer earlier = firstLine.putIfAbsent(employeeId, row.line());
        if (earlier != null && !employeeId.isEmpty()) {
            return refuse(r, "bad row: employee id " + employeeId + " is also on line " + earlier + " (that line was imported)");
        }
        String consentCell = columns.value(row, "consent").toLowerCase(java.util.Locale.ROOT);
        if (!YES.contains(consentCell) && !NO.contains(consentCell)) {
            return refuse(r, "bad row: consent must be yes or no, not \"" + columns.value(row, "consent") + "\"");
        }
        boolean consented = YES.contains(consentCell);
        Set<String> scopes = columns.has("scopes") ? scopes(columns.value(row, "scopes")) : null;
        StaffViews.StaffRequest request = new StaffViews.StaffRequest(employeeId, columns.value(row, "displayName"),
                columns.value(row, "clinicalRole"), columns.value(row, "ward"), scopes == null ? Set.of() : scopes);
        Set<ConstraintViolation<StaffViews.StaffRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return refuse(r, "bad row: " + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; ")));
        }
        try {
            StaffMember existing = QuarkusTransaction.requiringNew().call(() -> StaffMember.findByEmployeeId(employeeId));
            if (existing == null) {
                r.staffId = staff.create(request).id();
                r.staffOutcome = StaffOutcome.CREATED;
            } else {
                r.staffId = existing.id;
                if (same(existing, request, scopes)) {
                    r.staffOutcome = StaffOutcome.UNCHANGED;
                } else {
                    staff.update(existing.id, new StaffViews.StaffUpdate(request.displayName(), request.clinicalRole(),
                            request.ward(), scopes));
                    r.staffOutcome = StaffOutcome.UPDATED;
                }
            }
        } catch (ApiException e) {
            return refuse(r, reason(e.problem()));
        }
        photo(work, r, employeeId, consented, matched);
        return r;
    }

    private void photo(Work work, StaffImportRow r, String employeeId, boolean consented, Set<String> matched) {
        if (consented && !consent.hasConsent(r.staffId)) {
            // what HR collected: recorded with this import as its source, once
            consent.record(r.staffId, work.consentVersion(), "import " + work.jobId());
        }
        List<PhotoArchive.Photo> files = work.archive().byEmployeeId.get(employeeId);
        if (files == null) {
            r.photoOutcome = PhotoOutcome.NO_PHOTO;
            return;
        }
        matched.add(employeeId);
        if (files.size() > 1) {
            refusePhoto(r, "several photos for this employee id: " + files.stream().map(PhotoArchive.Photo::name)
                    .collect(Collectors.joining(", ")));
            return;
        }
        if (!consented) {
            r.photoOutcome = PhotoOutcome.NO_CONSENT;
            r.reason = "photo not enrolled: the consent column does not say yes";
            return;
        }
        try {
            boolean hasFace = QuarkusTransaction.requiringNew().call(() -> faces.summary(r.staffId) != null);
            if (hasFace) {
                r.photoOutcome = PhotoOutcome.ALREADY_ENROLLED;
                return;
            }
            FaceService.EnrollmentView enrolled = enroll(r.staffId, files.get(0).bytes());
            if (enrolled.accepted() > 0) {
                r.photoOutcome = PhotoOutcome.ENROLLED;
            } else {
                refusePhoto(r, "photo quality: " + enrolled.refused().stream().flatMap(x -> x.reasons().stream())
                        .distinct().collect(Collectors.joining(", ")));
            }
        } catch (ApiException e) {
            Problem p = e.problem();
            if (ProblemType.PRESENTATION_ATTACK_SUSPECTED.uri().equals(p.type())) {
                refusePhoto(r, "PAD failure: the photo looks like a picture of a printed photo or a screen, not of the person");
            } else if (ProblemType.DUPLICATE_IDENTITY.uri().equals(p.type())) {
                refusePhoto(r, "duplicate identity: " + p.detail());
            } else {
                refusePhoto(r, "photo refused: " + reason(p));
            }
        } catch (ImageException e) {
            refusePhoto(r, "photo unusable: " + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }

    /** Enrolls through the face service; an overloaded model pool is waited for (a batch must not fail on load). */
    private FaceService.EnrollmentView enroll(UUID staffId, byte[] photo) {
        for (int attempt = 1; ; attempt++) {
            try {
                return faces.enroll(staffId, List.of(photo));
            } catch (FaceModelsUnavailableException e) {
                if (attempt >= 5) {
                    throw new ApiException(ProblemType.SERVICE_UNAVAILABLE, "face recognition unavailable; run the import again later");
                }
                try {
                    Thread.sleep(2000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ApiException(ProblemType.SERVICE_UNAVAILABLE, "the server is stopping");
                }
            }
        }
    }

    private static boolean same(StaffMember s, StaffViews.StaffRequest request, Set<String> scopes) {
        return s.displayName.equals(request.displayName()) && s.clinicalRole.equals(request.clinicalRole())
                && s.ward.equals(request.ward()) && (scopes == null || s.scopeSet().equals(scopes));
    }

    private static Set<String> scopes(String cell) {
        Set<String> set = new LinkedHashSet<>();
        Arrays.stream(cell.split("[\\s;|,]+")).filter(s -> !s.isEmpty()).forEach(set::add);
        return set;
    }

    private static String reason(Problem p) {
        if (p.violations() != null && !p.violations().isEmpty()) {
            return p.violations().stream().map(v -> v.message().startsWith("unknown scope")
                    ? v.message().replaceFirst(" \\(GET .*$", "") : "bad row: " + v.field() + " " + v.message())
                    .collect(Collectors.joining("; "));
        }
        return p.detail();
    }

    private static StaffImportRow refuse(StaffImportRow r, String reason) {
        r.staffOutcome = StaffOutcome.REFUSED;
        r.reason = clip(reason);
        return r;
    }

    private static void refusePhoto(StaffImportRow r, String reason) {
        r.photoOutcome = PhotoOutcome.REFUSED;
        r.reason = clip(reason);
    }

    private static String clip(String s) {
        return s.length() > 1000 ? s.substring(0, 997) + "..." : s;
    }
}
