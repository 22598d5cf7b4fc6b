package org.careid.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Patch management: devices of this type below this software version get no tokens. */
@Entity
@Table(name = "device_type_policy")
public class DeviceTypePolicy extends PanacheEntityBase {
    @Id
    @Column(name = "device_type")
    public String deviceType;
    @Column(name = "min_software_version")
    public String minSoftwareVersion;
}
