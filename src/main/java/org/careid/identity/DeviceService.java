package org.careid.identity;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.crypto.PasswordHasher;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.events.SecurityEvents;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Bedside devices: registry, status, provisioning of their keys, software-version policy. */
@ApplicationScoped
public class DeviceService {
    /** Fired after a device leaves the ACTIVE status, so token caches drop it at once. */
    public record DeviceStatusChanged(UUID deviceId, Device.Status status) {}

    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I
    private static final Duration LAST_SEEN_RESOLUTION = Duration.ofSeconds(30);

    private final Caller caller;
    private final PasswordHasher hasher;
    private final Event<DeviceStatusChanged> statusChanged;
    private final ObjectMapper json;
    private final SecurityEvents events;
    private final Duration codeLifetime;
    private final AttemptThrottle throttle;

    @Inject
    DeviceService(Caller caller, PasswordHasher hasher, Event<DeviceStatusChanged> statusChanged, ObjectMapper json,
                  SecurityEvents events,
                  @ConfigProperty(name = "careid.devices.provisioning-code-lifetime", defaultValue = "PT15M") Duration codeLifetime,
                  AttemptThrottle throttle) {
        this.caller = caller;
        this.hasher = hasher;
        this.statusChanged = statusChanged;
        this.json = json;
        this.events = events;
        this.codeLifetime = codeLifetime;
        this.throttle = throttle;
    }

    private final SecureRandom random = new SecureRandom();

    @Transactional
    public DeviceViews.DeviceView create(DeviceViews.DeviceRequest request) {
        Device d = new Device();
        d.id = UUID.randomUUID();
        d.name = request.name().trim();
        d.deviceType = request.deviceType();
        d.ward = request.ward().trim();
        d.status = Device.Status.ACTIVE;
        d.createdAt = Instant.now();
        d.persist();
        caller.audit(AuditEvent.of("DEVICE_CREATED", AuditEvent.Outcome.SUCCESS).target("DEVICE", d.id)
                .detail("type", d.deviceType).detail("ward", d.ward));
        return view(d);
    }

    @Transactional
    public DeviceViews.DeviceView update(UUID id, DeviceViews.DeviceUpdate update) {
        Device d = require(id);
        if (update.name() != null) d.name = update.name().trim();
        if (update.deviceType() != null) d.deviceType = update.deviceType();
        if (update.ward() != null) d.ward = update.ward().trim();
        caller.audit(AuditEvent.of("DEVICE_UPDATED", AuditEvent.Outcome.SUCCESS).target("DEVICE", d.id)
                .detail("type", d.deviceType).detail("ward", d.ward));
        return view(d);
    }

    /** Suspend, reactivate or retire; retirement is final. Takes effect on the next request. */
    @Transactional
    public DeviceViews.DeviceView setStatus(UUID id, Device.Status status) {
        Device d = require(id);
        if (d.status == Device.Status.RETIRED && status != Device.Status.RETIRED) {
            throw ApiException.conflict("A retired device cannot be reactivated; register a new one");
        }
        if (d.status != status) {
            Device.Status before = d.status;
            d.status = status;
            if (status == Device.Status.RETIRED) {
                d.provisioningCodeHash = null;
            }
            caller.audit(AuditEvent.of("DEVICE_" + status.name(), AuditEvent.Outcome.SUCCESS).target("DEVICE", d.id)
                    .detail("from", before.name()));
            statusChanged.fire(new DeviceStatusChanged(d.id, status));
        }
        return view(d);
    }

    /** A one-time code the device redeems with its public key; replaces any earlier code. */
    @Transactional
    public DeviceViews.ProvisioningCode issueProvisioningCode(UUID id) {
        Device d = require(id);
        if (d.status != Device.Status.ACTIVE) {
            throw ApiException.conflict("Only an active device can be provisioned");
        }
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) code.append('-');
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        d.provisioningCodeHash = hasher.hash(code.toString());
        d.provisioningExpiresAt = Instant.now().plus(codeLifetime);
        caller.audit(AuditEvent.of("DEVICE_PROVISIONING_CODE_ISSUED", AuditEvent.Outcome.SUCCESS).target("DEVICE", d.id));
        return new DeviceViews.ProvisioningCode(code.toString(), d.provisioningExpiresAt,
                ProvisioningQr.svgDataUri(ProvisioningQr.payload(d.id.toString(), code.toString())));
    }

    /** Redeems a provisioning code: registers the device key. The code works once. */
    public DeviceViews.Provisioned provision(DeviceViews.ProvisionRequest request) {
        throttle.acquire(AttemptThrottle.Action.PROVISIONING, request.deviceId() == null ? null : request.deviceId().toString());
        ClientKeys.RegisteredKey key;
        try {
            key = ClientKeys.register(json.writeValueAsString(request.jwk()));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("jwk is not valid JSON");
        }
        String failure = QuarkusTransaction.requiringNew().call(() -> redeem(request, key));
        if (failure != null) {
            caller.audit(AuditEvent.of("DEVICE_PROVISIONING_FAILED", AuditEvent.Outcome.DENIED)
                    .target("DEVICE", request.deviceId()).detail("reason", failure));
            // One answer for every failure: the caller learns nothing about which part was wrong.
            throw new ApiException(ProblemType.INVALID_PROVISIONING_CODE, "The device id or provisioning code is not valid");
        }
        caller.audit(AuditEvent.of("DEVICE_PROVISIONED", AuditEvent.Outcome.SUCCESS).target("DEVICE", request.deviceId())
                .detail("jkt", key.thumbprint()));
        return new DeviceViews.Provisioned(request.deviceId(), key.thumbprint());
    }

    private String redeem(DeviceViews.ProvisionRequest request, ClientKeys.RegisteredKey key) {
        Device d = Device.findById(request.deviceId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (d == null || d.provisioningCodeHash == null) {
            return "no outstanding code";
        }
        if (Instant.now().isAfter(d.provisioningExpiresAt)) {
            d.provisioningCodeHash = null;
            return "code expired";
        }
        if (!hasher.verify(request.code().trim().toUpperCase(Locale.ROOT), d.provisioningCodeHash)) {
            return "wrong code";
        }
        if (Device.count("jwkThumbprint = ?1 and id <> ?2", key.thumbprint(), d.id) > 0) {
            return "key already registered to another device";
        }
        d.provisioningCodeHash = null;
        d.provisioningExpiresAt = null;
        d.publicJwk = key.publicJwkJson();
        d.jwkThumbprint = key.thumbprint();
        return null;
    }

    @Transactional
    public DeviceViews.DeviceView reportSoftwareVersion(UUID deviceId, String version) {
        Device d = require(deviceId);
        String before = d.softwareVersion;
        d.softwareVersion = version;
        boolean meets = SoftwareVersions.meets(version, minimumVersion(d.deviceType));
        caller.audit(AuditEvent.of("DEVICE_VERSION_REPORTED", meets ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.DENIED)
                .target("DEVICE", d.id).detail("version", version).detail("previous", before)
                .detail("meetsPolicy", meets));
        events.publish(AuthEventRecord.builder(AuthEventKind.DEVICE_VERSION_REPORTED, Instant.now())
                .device(d.id, d.ward, d.deviceType).softwareVersion(version));
        return view(d);
    }

    @Transactional
    public DeviceViews.VersionPolicy setVersionPolicy(String deviceType, String minimum) {
        if (!deviceType.matches(DeviceViews.TYPE_PATTERN)) {
            throw ApiException.badRequest("deviceType must be a lower-case device type");
        }
        DeviceTypePolicy policy = DeviceTypePolicy.findById(deviceType);
        if (policy == null) {
            policy = new DeviceTypePolicy();
            policy.deviceType = deviceType;
            policy.minSoftwareVersion = minimum;
            policy.persist();
        } else {
            policy.minSoftwareVersion = minimum;
        }
        caller.audit(AuditEvent.of("DEVICE_VERSION_POLICY_SET", AuditEvent.Outcome.SUCCESS)
                .target("DEVICE_TYPE", deviceType).detail("minimum", minimum));
        return new DeviceViews.VersionPolicy(minimum);
    }

    public String minimumVersion(String deviceType) {
        DeviceTypePolicy policy = DeviceTypePolicy.findById(deviceType);
        return policy == null ? null : policy.minSoftwareVersion;
    }

    /** Why this device may not obtain tokens now, or null when it may. */
    public DeviceIneligibility whyNotEligible(Device d) {
        if (d == null) return DeviceIneligibility.UNKNOWN;
        if (d.status == Device.Status.SUSPENDED) return DeviceIneligibility.SUSPENDED;
        if (d.status == Device.Status.RETIRED) return DeviceIneligibility.RETIRED;
        if (d.publicJwk == null) return DeviceIneligibility.NOT_PROVISIONED;
        if (!SoftwareVersions.meets(d.softwareVersion, minimumVersion(d.deviceType))) return DeviceIneligibility.SOFTWARE_OUTDATED;
        return null;
    }

    /**
     * Records that the device called, at most every 30 s ({@code lastSeenAt} is what the caller
     * just read: a recent one costs no statement). A targeted UPDATE, never a dirty entity, so it
     * cannot overwrite a suspension committed meanwhile. Joins the caller's transaction.
     */
    @Transactional
    public void touchLastSeen(UUID deviceId, Instant lastSeenAt) {
        Instant now = Instant.now();
        Instant staleBefore = now.minus(LAST_SEEN_RESOLUTION);
        if (lastSeenAt != null && !lastSeenAt.isBefore(staleBefore)) {
            return;
        }
        Device.update("lastSeenAt = ?1 where id = ?2 and (lastSeenAt is null or lastSeenAt < ?3)", now, deviceId, staleBefore);
    }

    @Transactional
    public DeviceViews.DeviceView get(UUID id) {
        return view(require(id));
    }

    @Transactional
    public PageOf<DeviceViews.DeviceView> search(String q, String ward, Device.Status status, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (q != null && !q.isBlank()) {
            where.append(" and lower(name) like :q");
            params.and("q", "%" + q.trim().toLowerCase(Locale.ROOT) + "%");
        }
        if (ward != null && !ward.isBlank()) {
            where.append(" and ward = :ward");
            params.and("ward", ward);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        PanacheQuery<Device> query = Device.find(where.toString(), Sort.by("name").and("id"), params);
        return PageOf.of(query, page, size, this::view);
    }

    public Device require(UUID id) {
        Device d = Device.findById(id);
        if (d == null) {
            throw ApiException.notFound("Device " + id);
        }
        return d;
    }

    private DeviceViews.DeviceView view(Device d) {
        String minimum = minimumVersion(d.deviceType);
        return new DeviceViews.DeviceView(d.id, d.name, d.deviceType, d.ward, d.status, d.publicJwk != null,
                d.jwkThumbprint, d.softwareVersion, minimum, SoftwareVersions.meets(d.softwareVersion, minimum),
                d.lastSeenAt, d.createdAt);
    }
}
