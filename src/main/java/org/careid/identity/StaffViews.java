package org.careid.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the staff API accepts and returns. */
public final class StaffViews {
    private StaffViews() {}

    static final String SCOPE_PATTERN = "[A-Za-z0-9:/*._-]{1,64}";

    public record StaffRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may contain letters, digits, '.', '_' and '-' only") String employeeId,
            @NotBlank @Size(max = 200) String displayName,
            @NotBlank @Size(max = 32) String clinicalRole,
            @NotBlank @Size(max = 64) String ward,
            Set<@Pattern(regexp = SCOPE_PATTERN, message = "is not a valid scope") String> scopes) {}

    public record StaffUpdate(
            @Size(min = 1, max = 200) String displayName,
            @Size(min = 1, max = 32) String clinicalRole,
            @Size(min = 1, max = 64) String ward,
            Set<@Pattern(regexp = SCOPE_PATTERN, message = "is not a valid scope") String> scopes) {}

    public record StaffView(UUID id, String employeeId, String displayName, String clinicalRole, String ward,
                            boolean active, Set<String> scopes, boolean pinSet, boolean pinOneTime,
                            Instant biometricsErasureDueAt, Instant createdAt, Instant updatedAt) {
        static StaffView of(StaffMember s) {
            return new StaffView(s.id, s.employeeId, s.displayName, s.clinicalRole, s.ward, s.active, s.scopeSet(),
                    s.pinHash != null, s.pinOneTime, s.biometricsErasureDueAt, s.createdAt, s.updatedAt);
        }
    }
}
