package org.careid.auth.breakglass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One use of emergency access, to be reviewed by an ADMIN. */
@Entity
@Table(name = "break_glass_review")
public class BreakGlassReview extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "staff_id")
    public UUID staffId;
    @Column(name = "device_id")
    public UUID deviceId;
    @Enumerated(EnumType.STRING)
    @Column(name = "reason_code")
    public BreakGlassReason reasonCode;
    @Column(name = "reason_text")
    public String reasonText;
    /** jti of the emergency token, to find its uses in the audit log (never the token itself). */
    @Column(name = "token_jti")
    public String tokenJti;
    @Column(name = "created_at")
    public Instant createdAt;
    @Enumerated(EnumType.STRING)
    public BreakGlassStatus status;
    public String reviewer;
    @Column(name = "reviewed_at")
    public Instant reviewedAt;
    @Column(name = "review_note")
    public String reviewNote;
    @Version
    public long version;
}
