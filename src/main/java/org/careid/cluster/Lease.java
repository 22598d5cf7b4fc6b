package org.careid.cluster;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Who runs a cluster-wide scheduled job, until when. */
@Entity
@Table(name = "cluster_lease")
public class Lease extends PanacheEntityBase {
    @Id
    public String name;
    public String holder;
    public Instant until;
}
