package org.careid.identity;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Whether a bearer token's account still stands, read from the database on every request so that
 * a logout, deactivation, password or role change ends the account's sessions on every replica at
 * once: the token must carry the account's current session epoch and the account must be active.
 */
@ApplicationScoped
public class AccountSessions {
    /** What the request may do as this account now: its current role, and whether it must first change its password. */
    public record Standing(String role, boolean passwordChangeRequired) {}

    /** The account's standing when a token of this epoch is still valid for it, else null. */
    @Transactional
    public Standing current(String principalType, UUID accountId, Integer epoch) {
        if (accountId == null || epoch == null) {
            return null;
        }
        if ("OPERATOR".equals(principalType)) {
            OperatorAccount a = OperatorAccount.findById(accountId);
            return a != null && a.active && a.sessionEpoch == epoch ? new Standing(a.role.name(), a.mustChangePassword) : null;
        }
        if ("RESOURCE_SERVER".equals(principalType)) {
            ResourceServer r = ResourceServer.findById(accountId);
            return r != null && r.active && r.sessionEpoch == epoch ? new Standing(Roles.RESOURCE_SERVER, false) : null;
        }
        return null;
    }

    /** The epoch a new bearer token of this resource server carries. */
    @Transactional
    public int resourceServerEpoch(UUID id) {
        ResourceServer r = ResourceServer.findById(id);
        if (r == null || !r.active) {
            throw new IllegalStateException("resource server " + id + " is not active");
        }
        return r.sessionEpoch;
    }
}
