package org.careid.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Peer groups from the staff registry: ward and clinical role. */
@ApplicationScoped
public class StaffPeerGroups implements PeerGroups {
    @Override
    @Transactional
    public Map<UUID, String> byStaffMember() {
        Map<UUID, String> groups = new HashMap<>();
        for (StaffMember s : StaffMember.<StaffMember>listAll()) {
            if (s.ward != null && !s.ward.isBlank() && s.clinicalRole != null && !s.clinicalRole.isBlank()) {
                groups.put(s.id, s.ward + "/" + s.clinicalRole);
            }
        }
        return groups;
    }
}
