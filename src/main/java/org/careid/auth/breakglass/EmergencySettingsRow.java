package org.careid.auth.breakglass;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The emergency settings an ADMIN set: the single row {@link #ID}; absent, the configuration applies. */
@Entity
@Table(name = "emergency_settings")
public class EmergencySettingsRow extends PanacheEntityBase {
    static final int ID = 1;

    @Id
    public Integer id;
    /** Space-separated scopes of an emergency token. */
    public String scope;
    @Column(name = "lifetime_seconds")
    public int lifetimeSeconds;
    /** Space-separated device types where emergency access is refused (empty: none). */
    @Column(name = "disabled_device_types")
    public String disabledDeviceTypes;
    @Column(name = "per_staff")
    public int perStaff;
    @Column(name = "per_device")
    public int perDevice;
    @Column(name = "window_hours")
    public int windowHours;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
