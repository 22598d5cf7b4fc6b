package org.careid.cluster;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** "Person X's biometric templates or status changed": replayed by every replica's galleries. */
@Entity
@Table(name = "gallery_change")
public class GalleryChange extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "staff_id")
    public UUID staffId;
    @Column(name = "changed_at")
    public Instant changedAt;
}
