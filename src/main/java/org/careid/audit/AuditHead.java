package org.careid.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The single row naming the chain's last entry; appenders lock it to serialise the chain. */
@Entity
@Table(name = "audit_head")
public class AuditHead extends PanacheEntityBase {
    static final int THE_ONLY_ROW = 1;

    @Id
    public int id;
    @Column(name = "last_seq")
    public long lastSeq;
    @Column(name = "last_hash")
    public String lastHash;
}
