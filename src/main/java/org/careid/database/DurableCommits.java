package org.careid.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes sure an acknowledged commit survives a kill -9 of the server: on H2 it sets
 * {@code WRITE_DELAY 0} (a persistent database setting; H2's default keeps commits in memory for
 * up to 500 ms, whatever URL the operator configured), and on PostgreSQL it refuses to start when
 * {@code synchronous_commit} is off for CareID's sessions (application.properties forces it on per
 * connection, so only an explicit override can turn it off).
 */
@ApplicationScoped
public class DurableCommits {
    private static final Logger LOG = Logger.getLogger(DurableCommits.class);

    private final AgroalDataSource dataSource;

    DurableCommits(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent start) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName();
            if ("H2".equalsIgnoreCase(product)) {
                s.execute("SET WRITE_DELAY 0");
                LOG.debug("H2 writes each commit before acknowledging it (WRITE_DELAY 0)");
            } else if ("PostgreSQL".equalsIgnoreCase(product)) {
                try (ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
                    rs.next();
                    String mode = rs.getString(1);
                    if ("off".equalsIgnoreCase(mode)) {
                        throw new IllegalStateException("PostgreSQL synchronous_commit is off for CareID's sessions: "
                                + "acknowledged writes could be lost in a crash; remove the override");
                    }
                    LOG.debugf("PostgreSQL synchronous_commit = %s", mode);
                }
            }
        }
    }
}
