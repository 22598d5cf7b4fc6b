package org.careid.identity;

import java.util.Map;
import java.util.UUID;

/** Staff members grouped by ward and clinical role, for comparing a person with their peers. */
public interface PeerGroups {
    /** Staff id to "ward/clinicalRole" for every staff member with both set. */
    Map<UUID, String> byStaffMember();
}
