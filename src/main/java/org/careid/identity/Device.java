package org.careid.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A bedside device (pump, monitor, cabinet, workstation) that asks CareID to authenticate clinicians. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {
    public enum Status { ACTIVE, SUSPENDED, RETIRED }

    @Id
    public UUID id;
    public String name;
    @Column(name = "device_type")
    public String deviceType;
    public String ward;
    @JdbcTypeCode(SqlTypes.VARCHAR)
    public Status status;
    /** The device's registered P-256 public key as a JWK (JSON), set by provisioning. */
    @Column(name = "public_jwk")
    public String publicJwk;
    /** RFC 7638 SHA-256 thumbprint of {@link #publicJwk}: the {@code cnf.jkt} of its tokens. */
    @Column(name = "jwk_thumbprint")
    public String jwkThumbprint;
    @Column(name = "software_version")
    public String softwareVersion;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "provisioning_code_hash")
    public String provisioningCodeHash;
    @Column(name = "provisioning_expires_at")
    public Instant provisioningExpiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
