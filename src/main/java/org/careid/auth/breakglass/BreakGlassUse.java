package org.careid.auth.breakglass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One granted emergency access, as counted by {@link BreakGlassRateLimiter}. */
@Entity
@Table(name = "break_glass_use")
public class BreakGlassUse extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "staff_id")
    public UUID staffId;
    @Column(name = "device_id")
    public UUID deviceId;
    @Column(name = "used_at")
    public Instant usedAt;

    static void record(UUID staffId, UUID deviceId, Instant at) {
        BreakGlassUse use = new BreakGlassUse();
        use.id = UUID.randomUUID();
        use.staffId = staffId;
        use.deviceId = deviceId;
        use.usedAt = at;
        use.persist();
    }
}
