package org.careid.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A scope that may be granted to staff (the server-side list the kiosk and console offer). */
@Entity
@Table(name = "known_scope")
public class KnownScope extends PanacheEntityBase {
    @Id
    public String name;
    public String description;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public UUID createdBy;
}
