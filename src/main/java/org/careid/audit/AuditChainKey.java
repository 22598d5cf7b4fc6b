package org.careid.audit;

import jakarta.enterprise.context.ApplicationScoped;

import org.careid.crypto.MasterKey;

/** The chain's MAC key, derived from the master key; like the master key it is never stored. */
@ApplicationScoped
public class AuditChainKey {
    private final byte[] key;

    AuditChainKey(MasterKey masterKey) {
        this.key = masterKey.derive(AuditHashing.MAC_KEY_PURPOSE);
    }

    byte[] bytes() {
        return key;
    }
}
