package org.careid.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.careid.web.ApiException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;

/**
 * The refusal of a biometric that is already enrolled for someone else. It names that person
 * (id, employee id, name) so the operator, who may see every staff member anyway, can sort it out.
 */
public final class DuplicateIdentity {
    private DuplicateIdentity() {
    }

    /** @param what "face" or "fingerprint" */
    public static ApiException refusal(String what, UUID existingStaffId) {
        StaffMember existing = StaffMember.findById(existingStaffId);
        if (existing == null) {
            return new ApiException(ProblemType.DUPLICATE_IDENTITY, "This " + what + " is already enrolled for another staff member");
        }
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", existing.id);
        person.put("employeeId", existing.employeeId);
        person.put("displayName", existing.displayName);
        return new ApiException(Problem.of(ProblemType.DUPLICATE_IDENTITY, "This " + what + " is already enrolled for "
                + existing.displayName + " (employee id " + existing.employeeId + ")").with("existingStaff", person));
    }
}
