package org.careid.web;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;

/**
 * Recognises a failure caused by the database being away (down, unreachable, or not answering
 * within the configured timeouts), as opposed to a bug: such a request gets 503
 * database-unavailable, not 500. Decided on exception types, SQL states and the pool's own
 * exceptions, never on message text.
 */
public final class DatabaseUnavailable {
    private DatabaseUnavailable() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && (connectionState(sql.getSQLState()) || thrownByPool(sql))) {
                return true;
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 (connection exception), 57P01-57P03 (PostgreSQL shutting down or starting up). */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /** The connection pool's acquisition timeout (Agroal raises a plain SQLException). */
    private static boolean thrownByPool(SQLException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.agroal.");
    }
}
