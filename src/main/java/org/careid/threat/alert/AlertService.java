package org.careid.threat.alert;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.careid.threat.Severity;
import org.careid.threat.SubjectType;
import org.careid.threat.ThreatAlert;
import org.careid.web.ApiException;

/**
 * Stores alerts. A detection on a subject that already has an unresolved alert from the same
 * detector updates that alert (occurrences, last seen, latest evidence, highest severity) instead of
 * opening another; once resolved, a new detection opens a new alert.
 */
@ApplicationScoped
public class AlertService {
    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<AlertStatusChanged> statusChanges;

    /** The stored alert and whether this detection opened it. */
    public record Raised(Alert alert, boolean newlyOpened) {}

    /** Filter for listing; null fields do not filter. */
    public record Filter(AlertStatus status, String detector, Severity minSeverity, SubjectType subjectType,
                         String subjectId, Instant since) {}

    public record PageOf(List<AlertView> items, long total, int page, int size) {}

    public record DetectorStatistics(String detector, long total, long open, long acknowledged, long resolved,
                                     long occurrences, Map<Severity, Long> bySeverity) {}

    @Transactional
    public Raised raise(ThreatAlert candidate) {
        Alert existing = Alert.find("detector = ?1 and subjectType = ?2 and subjectId = ?3 and status <> ?4",
                        Sort.descending("lastSeen"), candidate.detector(), candidate.subjectType(),
                        candidate.subjectId(), AlertStatus.RESOLVED)
                .firstResult();
        if (existing != null) {
            existing.occurrences++;
            if (candidate.time().isAfter(existing.lastSeen)) {
                existing.lastSeen = candidate.time();
            }
            existing.evidence = truncate(candidate.evidence());
            if (candidate.severity().compareTo(existing.severity) > 0) {
                existing.severity = candidate.severity();
            }
            return new Raised(existing, false);
        }
        Alert a = new Alert();
        a.id = UUID.randomUUID();
        a.severity = candidate.severity();
        a.detector = candidate.detector();
        a.subjectType = candidate.subjectType();
        a.subjectId = candidate.subjectId();
        a.evidence = truncate(candidate.evidence());
        a.firstSeen = candidate.time();
        a.lastSeen = candidate.time();
        a.occurrences = 1;
        a.status = AlertStatus.OPEN;
        a.persist();
        return new Raised(a, true);
    }

    public AlertView get(UUID id) {
        return AlertView.of(find(id));
    }

    public PageOf list(Filter filter, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.status() != null) {
            q.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.detector() != null) {
            q.append(" and detector = :detector");
            params.put("detector", filter.detector());
        }
        if (filter.minSeverity() != null) {
            List<Severity> allowed = new ArrayList<>();
            for (Severity s : Severity.values()) {
                if (s.compareTo(filter.minSeverity()) >= 0) {
                    allowed.add(s);
                }
            }
            q.append(" and severity in :severities");
            params.put("severities", allowed);
        }
        if (filter.subjectType() != null) {
            q.append(" and subjectType = :subjectType");
            params.put("subjectType", filter.subjectType());
        }
        if (filter.subjectId() != null) {
            q.append(" and subjectId = :subjectId");
            params.put("subjectId", filter.subjectId());
        }
        if (filter.since() != null) {
            q.append(" and lastSeen >= :since");
            params.put("since", filter.since());
        }
        var query = Alert.<Alert>find(q.toString(), Sort.descending("lastSeen"), params);
        long total = query.count();
        List<AlertView> items = query.page(Page.of(page, size)).list().stream().map(AlertView::of).toList();
        return new PageOf(items, total, page, size);
    }

    /** Someone is looking into it. Only an open alert can be acknowledged. */
    @Transactional
    public AlertView acknowledge(UUID id, String who) {
        Alert a = find(id);
        if (a.status != AlertStatus.OPEN) {
            throw ApiException.conflict("The alert is " + a.status);
        }
        a.status = AlertStatus.ACKNOWLEDGED;
        a.acknowledgedBy = who;
        a.acknowledgedAt = Instant.now();
        AlertView view = AlertView.of(a);
        statusChanges.fire(new AlertStatusChanged(view, who));
        return view;
    }

    /** Closes an open or acknowledged alert, with an optional note. */
    @Transactional
    public AlertView resolve(UUID id, String who, String note) {
        Alert a = find(id);
        if (a.status == AlertStatus.RESOLVED) {
            throw ApiException.conflict("The alert is already resolved");
        }
        a.status = AlertStatus.RESOLVED;
        a.resolvedBy = who;
        a.resolvedAt = Instant.now();
        a.resolutionNote = note == null ? null : truncate(note);
        AlertView view = AlertView.of(a);
        statusChanges.fire(new AlertStatusChanged(view, who));
        return view;
    }

    @Transactional // also called from the monitor's worker thread, which has no request context
    public long countUnresolved() {
        return Alert.count("status <> ?1", AlertStatus.RESOLVED);
    }

    public List<DetectorStatistics> statistics() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Map<Severity, Long>> severities = new HashMap<>();
        List<Object[]> rows = Alert.getEntityManager().createQuery(
                "select a.detector, a.status, a.severity, count(a), sum(a.occurrences) from Alert a "
                        + "group by a.detector, a.status, a.severity order by a.detector", Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            String detector = (String) row[0];
            AlertStatus status = (AlertStatus) row[1];
            Severity severity = (Severity) row[2];
            long n = ((Number) row[3]).longValue();
            long occ = ((Number) row[4]).longValue();
            long[] c = counts.computeIfAbsent(detector, k -> new long[5]);
            c[0] += n;
            c[1 + status.ordinal()] += n;
            c[4] += occ;
            severities.computeIfAbsent(detector, k -> new java.util.EnumMap<>(Severity.class)).merge(severity, n, Long::sum);
        }
        List<DetectorStatistics> out = new ArrayList<>();
        counts.forEach((d, c) -> out.add(new DetectorStatistics(d, c[0], c[1], c[2], c[3], c[4], severities.get(d))));
        return out;
    }

    private static Alert find(UUID id) {
        Alert a = Alert.findById(id);
        if (a == null) {
            throw ApiException.notFound("Alert " + id);
        }
        return a;
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
