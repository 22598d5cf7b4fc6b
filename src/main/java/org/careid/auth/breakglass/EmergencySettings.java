package org.careid.auth.breakglass;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.careid.audit.AuditEvent;
import org.careid.identity.Caller;
import org.careid.identity.KnownScopes;
import org.careid.web.ApiException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The emergency (break-glass) settings in force: what an emergency token grants and for how long,
 * where emergency access is off, and how often a person or a device may use it. An ADMIN edits them
 * as data ({@link #update}, audited with the values before and after); until then, and after
 * {@link #reset}, the configuration applies ({@code careid.breakglass.*},
 * {@code careid.threat.break-glass.*}). They are read from the database on every emergency request,
 * so an edit holds on every replica at once.
 */
@ApplicationScoped
public class EmergencySettings {
    /** The settings as the break-glass flow uses them. */
    public record Values(Set<String> scope, Duration lifetime, Set<String> disabledDeviceTypes, int perStaff, int perDevice,
                         Duration window) {}

    /** What the API shows: the values, where they come from ({@code configuration} or {@code administrator}), and when. */
    public record View(Set<String> scope, long lifetimeSeconds, Set<String> disabledDeviceTypes, int perStaff, int perDevice,
                       long windowHours, String source, Instant updatedAt, String updatedBy) {}

    /** An ADMIN's edit; bounds keep an emergency token short and the limits meaningful. */
    public record Change(@NotEmpty @Size(max = 20) Set<String> scope,
                         @NotNull @Min(10) @Max(900) Integer lifetimeSeconds,
                         @NotNull @Size(max = 50) Set<String> disabledDeviceTypes,
                         @NotNull @Min(1) @Max(50) Integer perStaff,
                         @NotNull @Min(1) @Max(200) Integer perDevice,
                         @NotNull @Min(1) @Max(168) Integer windowHours) {}

    private final Values configured;
    private final KnownScopes knownScopes;
    private final Caller caller;

    @Inject
    EmergencySettings(@ConfigProperty(name = "careid.breakglass.scope", defaultValue = "patient/*.read") Set<String> scope,
                      @ConfigProperty(name = "careid.breakglass.lifetime", defaultValue = "PT60S") Duration lifetime,
                      @ConfigProperty(name = "careid.breakglass.disabled-device-types") Optional<Set<String>> disabledDeviceTypes,
                      @ConfigProperty(name = "careid.threat.break-glass.per-staff", defaultValue = "2") int perStaff,
                      @ConfigProperty(name = "careid.threat.break-glass.per-device", defaultValue = "4") int perDevice,
                      @ConfigProperty(name = "careid.threat.break-glass.window", defaultValue = "PT12H") Duration window,
                      KnownScopes knownScopes, Caller caller) {
        this.configured = new Values(new TreeSet<>(scope), lifetime, new TreeSet<>(disabledDeviceTypes.orElse(Set.of())),
                perStaff, perDevice, window);
        this.knownScopes = knownScopes;
        this.caller = caller;
    }

    /** The settings in force now (the ADMIN's row, or the configuration). */
    public Values current() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            EmergencySettingsRow row = EmergencySettingsRow.findById(EmergencySettingsRow.ID);
            return row == null ? configured : values(row);
        });
    }

    public View view() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            EmergencySettingsRow row = EmergencySettingsRow.findById(EmergencySettingsRow.ID);
            Values v = row == null ? configured : values(row);
            return new View(v.scope(), v.lifetime().toSeconds(), v.disabledDeviceTypes(), v.perStaff(), v.perDevice(),
                    v.window().toHours(), row == null ? "configuration" : "administrator",
                    row == null ? null : row.updatedAt, row == null ? null : row.updatedBy);
        });
    }

    @Transactional
    public View update(Change change) {
        Set<String> scope = clean(change.scope());
        Set<String> disabled = clean(change.disabledDeviceTypes());
        if (scope.isEmpty()) {
            throw ApiException.invalid("scope", "name at least one scope");
        }
        knownScopes.requireKnown(scope);
        Values before = current();
        EmergencySettingsRow row = EmergencySettingsRow.findById(EmergencySettingsRow.ID, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new EmergencySettingsRow();
            row.id = EmergencySettingsRow.ID;
        }
        row.scope = String.join(" ", scope);
        row.lifetimeSeconds = change.lifetimeSeconds();
        row.disabledDeviceTypes = String.join(" ", disabled);
        row.perStaff = change.perStaff();
        row.perDevice = change.perDevice();
        row.windowHours = change.windowHours();
        row.updatedAt = Instant.now();
        row.updatedBy = caller.id();
        row.persist();
        caller.audit(AuditEvent.of("EMERGENCY_SETTINGS_CHANGED", AuditEvent.Outcome.SUCCESS).target("EMERGENCY_SETTINGS", null)
                .detail("before", describe(before)).detail("after", describe(values(row))));
        return view();
    }

    /** Back to the configuration: the ADMIN's row goes, audited. */
    @Transactional
    public View reset() {
        Values before = current();
        // removed through the persistence context (not a bulk delete), so view() below no longer sees it
        EmergencySettingsRow row = EmergencySettingsRow.findById(EmergencySettingsRow.ID, LockModeType.PESSIMISTIC_WRITE);
        if (row != null) {
            row.delete();
            caller.audit(AuditEvent.of("EMERGENCY_SETTINGS_CHANGED", AuditEvent.Outcome.SUCCESS).target("EMERGENCY_SETTINGS", null)
                    .detail("before", describe(before)).detail("after", describe(configured)).detail("source", "configuration"));
        }
        return view();
    }

    private static Values values(EmergencySettingsRow row) {
        return new Values(split(row.scope), Duration.ofSeconds(row.lifetimeSeconds), split(row.disabledDeviceTypes),
                row.perStaff, row.perDevice, Duration.ofHours(row.windowHours));
    }

    private static Set<String> split(String joined) {
        return joined == null || joined.isBlank() ? new TreeSet<>()
                : Arrays.stream(joined.trim().split("\\s+")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> clean(Set<String> values) {
        Set<String> out = new TreeSet<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            String t = v.strip();
            if (t.length() > 100 || !t.matches("[A-Za-z0-9._:/*\\-]+")) {
                throw ApiException.invalid("value", "not a scope or device type name: " + t);
            }
            out.add(t);
        }
        return out;
    }

    private static Map<String, Object> describe(Values v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scope", String.join(" ", v.scope()));
        m.put("lifetimeSeconds", v.lifetime().toSeconds());
        m.put("disabledDeviceTypes", String.join(" ", v.disabledDeviceTypes()));
        m.put("perStaff", v.perStaff());
        m.put("perDevice", v.perDevice());
        m.put("windowHours", v.window().toHours());
        return m;
    }
}
