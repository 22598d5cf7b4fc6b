package org.careid.identity;

import java.time.Instant;

import jakarta.persistence.EntityManager;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * "Use once" bookkeeping for identifiers (assertion jti, DPoP proof jti, one-time unlock token
 * jti): an insert into a table keyed by the id, in its own transaction; a duplicate key means the
 * id was used before. The database makes this hold across replicas.
 */
public final class OneTimeIds {
    private OneTimeIds() {}

    /** @return true the first time an id is presented, false on every later presentation */
    public static boolean consume(String table, String id, Instant expiresAt) {
        try {
            QuarkusTransaction.requiringNew().run(() -> consumeInCurrentTransaction(table, id, expiresAt));
            return true;
        } catch (RuntimeException e) {
            if (isRepeat(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Records the id in the caller's transaction (to save a commit on a hot path). A repeat fails
     * that transaction: the caller tells it apart from other failures with {@link #isRepeat}.
     */
    public static void consumeInCurrentTransaction(String table, String id, Instant expiresAt) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("bad table name");
        }
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        em.createNativeQuery("INSERT INTO " + table + " (jti, expires_at) VALUES (?1, ?2)")
                .setParameter(1, id).setParameter(2, expiresAt).executeUpdate();
    }

    /** Removes entries whose time is over (run by a scheduled job). */
    public static int purgeExpired(String table) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return em.createNativeQuery("DELETE FROM " + table + " WHERE expires_at < ?1")
                .setParameter(1, Instant.now()).executeUpdate();
    }

    /** True when the failure is the id's second presentation (a unique-key violation). */
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
