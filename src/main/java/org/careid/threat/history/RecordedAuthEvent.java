package org.careid.threat.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.StoredScopes;

/** A successful authentication kept for training the behaviour models: no scores, no biometrics. */
@Entity
@Table(name = "threat_event_history")
public class RecordedAuthEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "event_time")
    public Instant time;
    @Column(name = "staff_id")
    public UUID staffId;
    @Column(name = "device_id")
    public UUID deviceId;
    @Column(name = "device_ward")
    public String deviceWard;
    @Column(name = "device_type")
    public String deviceType;
    public String modality;
    /** Space-separated, sorted. */
    public String scopes;

    public static RecordedAuthEvent of(AuthEventRecord e) {
        RecordedAuthEvent r = new RecordedAuthEvent();
        r.id = UUID.randomUUID();
        r.time = e.time();
        r.staffId = e.staffId();
        r.deviceId = e.deviceId();
        r.deviceWard = e.deviceWard();
        r.deviceType = e.deviceType();
        r.modality = e.modality();
        r.scopes = StoredScopes.join(e.scopes());
        return r;
    }

    public AuthEventRecord toRecord() {
        return AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, time).staff(staffId)
                .device(deviceId, deviceWard, deviceType).modality(modality).scopes(StoredScopes.split(scopes)).build();
    }

}
