package org.careid.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.careid.identity.Roles;
import org.careid.web.ApiException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The figures behind the administration console's overview page. */
@Path("/api/v1/stats/overview")
@Tag(name = "Console", description = "Figures for the administration console")
public class ConsoleStatsResource {
    public record ScoreBin(double fromRatio, double toRatio, long accepted) {}

    public record Coverage(long activeStaff, long withFace, long withFingerprint, long withAny) {}

    public record Overview(Instant generatedAt, List<AuthStatistics.Hour> hours, double failureRate, double lockoutRate,
                           Map<String, Long> openAlertsByDetector, long devicesNotSeenForADay, long activeDevices,
                           Coverage enrollment, List<ScoreBin> acceptedScores, String scoreNote) {}

    private final AuthStatistics statistics;
    private final EntityManager em;

    ConsoleStatsResource(AuthStatistics statistics, EntityManager em) {
        this.statistics = statistics;
        this.em = em;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Transactional
    public Overview overview(@QueryParam("hours") @DefaultValue("24") int hours) {
        if (hours < 1 || hours > 48) {
            throw ApiException.invalid("hours", "must be between 1 and 48");
        }
        Instant now = Instant.now();
        List<AuthStatistics.Hour> perHour = statistics.lastHours(hours, now);
        long successes = perHour.stream().mapToLong(AuthStatistics.Hour::successes).sum();
        long failures = perHour.stream().mapToLong(AuthStatistics.Hour::failures).sum();
        long lockouts = perHour.stream().mapToLong(AuthStatistics.Hour::lockouts).sum();
        long attempts = successes + failures;
        Map<String, Long> alerts = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("SELECT detector, COUNT(*) FROM threat_alert WHERE status <> 'RESOLVED'"
                + " GROUP BY detector ORDER BY detector").getResultList()) {
            Object[] r = (Object[]) row;
            alerts.put((String) r[0], ((Number) r[1]).longValue());
        }
        Instant dayAgo = now.minus(Duration.ofDays(1));
        long activeDevices = count("SELECT COUNT(*) FROM device WHERE status = 'ACTIVE'");
        long notSeen = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM device WHERE status = 'ACTIVE'"
                + " AND (last_seen_at IS NULL OR last_seen_at < ?1)").setParameter(1, dayAgo).getSingleResult()).longValue();
        Coverage coverage = new Coverage(
                count("SELECT COUNT(*) FROM staff_member WHERE active = TRUE"),
                count("SELECT COUNT(DISTINCT f.staff_id) FROM face_template f JOIN staff_member s ON s.id = f.staff_id WHERE s.active = TRUE"),
                count("SELECT COUNT(DISTINCT f.staff_id) FROM fingerprint_template f JOIN staff_member s ON s.id = f.staff_id WHERE s.active = TRUE"),
                count("SELECT COUNT(*) FROM staff_member s WHERE s.active = TRUE AND (EXISTS (SELECT 1 FROM face_template f WHERE f.staff_id = s.id)"
                        + " OR EXISTS (SELECT 1 FROM fingerprint_template p WHERE p.staff_id = s.id))"));
        long[] histogram = statistics.acceptedScoreHistogram();
        List<ScoreBin> bins = new ArrayList<>();
        for (int i = 0; i < histogram.length; i++) {
            bins.add(new ScoreBin(round(i * AuthStatistics.BIN), round((i + 1) * AuthStatistics.BIN), histogram[i]));
        }
        return new Overview(now, perHour, attempts == 0 ? 0 : failures / (double) attempts,
                attempts == 0 ? 0 : lockouts / (double) attempts, alerts, notSeen, activeDevices, coverage, bins,
                "Scores as a multiple of the decision threshold (1.0 = the threshold); counted by this server since its start, at most 48 hours");
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
