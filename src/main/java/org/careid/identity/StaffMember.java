package org.careid.identity;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A clinician who authenticates at bedside devices. */
@Entity
@Table(name = "staff_member")
public class StaffMember extends PanacheEntityBase {
    /** A query condition for biometric rows (a {@code staffId} column) of active staff: what the galleries hold. */
    public static final String OF_ACTIVE_STAFF = "staffId in (select s.id from StaffMember s where s.active = true)";

    @Id
    public UUID id;
    @Column(name = "employee_id")
    public String employeeId;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "clinical_role")
    public String clinicalRole;
    public String ward;
    public boolean active;
    /** Space-separated scopes this person's tokens may carry. */
    public String scopes;
    /** Argon2id hash of the staff PIN (a second factor only), or null. */
    @Column(name = "pin_hash")
    public String pinHash;
    /** Set by an ADMIN reset: refused as a factor until its owner changes it at a device. */
    @Column(name = "pin_one_time")
    public boolean pinOneTime;
    @Column(name = "pin_changed_at")
    public Instant pinChangedAt;
    /** When a leaver's biometrics are erased; null while active or once erased. */
    @Column(name = "biometrics_erasure_due_at")
    public Instant biometricsErasureDueAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public Set<String> scopeSet() {
        return parseScopes(scopes);
    }

    public static Set<String> parseScopes(String spaceSeparated) {
        Set<String> set = new LinkedHashSet<>();
        if (spaceSeparated != null) {
            Arrays.stream(spaceSeparated.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(set::add);
        }
        return set;
    }

    public static StaffMember findByEmployeeId(String employeeId) {
        return find("employeeId", employeeId).firstResult();
    }
}
