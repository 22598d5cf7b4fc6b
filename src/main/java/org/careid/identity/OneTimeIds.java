package org.careid.identity;

import java.time.Instant;

import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * "Use once" bookkeeping for identifiers (assertion jti, DPoP proof jti, one-time unlock token
 * jti): a row keyed by the id, inserted only when absent ({@code INSERT ... ON CONFLICT DO NOTHING}
 * on PostgreSQL, {@code MERGE ... WHEN NOT MATCHED} on H2); no row inserted means the id was used
 * before. A repeat is an ordinary answer, not a database error, so nothing (neither the id nor a
 * stack trace) is logged for it. The database makes this hold across replicas.
 */
public final class OneTimeIds {
    /** The key column's width; a longer id is refused before it reaches the database. */
    public static final int MAX_ID_LENGTH = 200;

    private OneTimeIds() {}

    /** @return true the first time an id is presented, false on every later presentation */
    public static boolean consume(String table, String id, Instant expiresAt) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> claimInCurrentTransaction(table, id, expiresAt));
        } catch (RuntimeException e) {
            if (isRepeat(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Records the id in the caller's transaction (to save a commit on a hot path).
     *
     * @return true when the id was new and is now recorded, false when it was used before
     */
    public static boolean claimInCurrentTransaction(String table, String id, Instant expiresAt) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("bad table name");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("one-time id longer than " + MAX_ID_LENGTH + " characters");
        }
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return em.createNativeQuery(insertIfAbsent(table)).setParameter(1, id).setParameter(2, expiresAt).executeUpdate() == 1;
    }

    private static String insertIfAbsent(String table) {
        String kind = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.db-kind", String.class).orElse("h2");
        if (kind.startsWith("postgres")) {
            return "INSERT INTO " + table + " (jti, expires_at) VALUES (?1, ?2) ON CONFLICT (jti) DO NOTHING";
        }
        return "MERGE INTO " + table + " t USING (VALUES (CAST(?1 AS VARCHAR), CAST(?2 AS TIMESTAMP WITH TIME ZONE))) s(jti, expires_at)"
                + " ON t.jti = s.jti WHEN NOT MATCHED THEN INSERT (jti, expires_at) VALUES (s.jti, s.expires_at)";
    }

    /** Removes entries whose time is over (run by a scheduled job). */
    public static int purgeExpired(String table) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return em.createNativeQuery("DELETE FROM " + table + " WHERE expires_at < ?1")
                .setParameter(1, Instant.now()).executeUpdate();
    }

    /**
     * True when the failure is the id's second presentation (a unique-key violation): only when two
     * replicas claim the same id at the same instant does the insert-if-absent still raise one.
     */
    public static boolean isRepeat(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof java.sql.SQLIntegrityConstraintViolationException
                    || (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
