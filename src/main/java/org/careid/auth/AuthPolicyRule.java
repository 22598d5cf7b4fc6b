package org.careid.auth;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * "This scope at this device type needs this many factors", and whether a face counts alone only
 * after the head-turn challenge ({@code faceChallenge}).
 */
@Entity
@Table(name = "auth_policy")
public class AuthPolicyRule extends PanacheEntityBase {
    public static final String ANY_DEVICE = "*";

    @Id
    public UUID id;
    public String scope;
    @Column(name = "device_type")
    public String deviceType;
    @Column(name = "required_factors")
    public int requiredFactors;
    @Column(name = "face_challenge")
    public boolean faceChallenge;
}
