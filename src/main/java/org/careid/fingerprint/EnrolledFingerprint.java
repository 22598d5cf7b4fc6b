package org.careid.fingerprint;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One enrolled impression: its SourceAFIS template sealed under the master key. */
@Entity
@Table(name = "fingerprint_template")
public class EnrolledFingerprint extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "staff_id")
    public UUID staffId;
    public int finger;
    public int dpi;
    @Column(name = "sourceafis_version")
    public String sourceAfisVersion;
    @Column(name = "sealed_template")
    public byte[] sealedTemplate;
    @Column(name = "sealed_raw_image")
    public byte[] sealedRawImage;
    public int minutiae;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;

    /** Binds the ciphertext to this row: a template pasted onto another person's row fails to open. */
    String templateAad() {
        return "fingerprint-template:" + staffId + ":" + id;
    }

    String rawImageAad() {
        return "fingerprint-image:" + staffId + ":" + id;
    }
}
