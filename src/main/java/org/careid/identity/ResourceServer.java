package org.careid.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A service (EHR gateway, cabinet controller) allowed to introspect tokens, proven by its key. */
@Entity
@Table(name = "resource_server")
public class ResourceServer extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @Column(name = "public_jwk")
    public String publicJwk;
    @Column(name = "jwk_thumbprint")
    public String jwkThumbprint;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Raised on deactivation: bearer tokens carry the epoch they were issued in. */
    @Column(name = "session_epoch")
    public int sessionEpoch;
    @Version
    public long version;
}
