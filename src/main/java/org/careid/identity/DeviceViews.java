package org.careid.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the device API accepts and returns. */
public final class DeviceViews {
    private DeviceViews() {}

    static final String VERSION_PATTERN = "\\d{1,6}(\\.\\d{1,6}){0,3}";
    static final String TYPE_PATTERN = "[a-z][a-z0-9_-]{1,31}";

    public record DeviceRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = TYPE_PATTERN, message = "must be a lower-case type such as infusion-pump, monitor, cabinet, workstation") String deviceType,
            @NotBlank @Size(max = 64) String ward) {}

    public record DeviceUpdate(
            @Size(min = 1, max = 200) String name,
            @Pattern(regexp = TYPE_PATTERN, message = "must be a lower-case device type") String deviceType,
            @Size(min = 1, max = 64) String ward) {}

    public record DeviceView(UUID id, String name, String deviceType, String ward, Device.Status status,
                             boolean provisioned, String jwkThumbprint, String softwareVersion,
                             String minimumSoftwareVersion, boolean meetsVersionPolicy, Instant lastSeenAt, Instant createdAt) {}

    /** qrCode: the device id and code as a QR code (SVG data: URI) for the installer to scan. */
    public record ProvisioningCode(String code, Instant expiresAt, String qrCode) {}

    public record ProvisionRequest(@NotNull UUID deviceId, @NotBlank @Size(max = 100) String code, @NotNull Map<String, Object> jwk) {}

    public record Provisioned(UUID deviceId, String jkt) {}

    public record SoftwareVersion(@NotBlank @Pattern(regexp = VERSION_PATTERN, message = "must look like 2.4.1") String softwareVersion) {}

    public record VersionPolicy(@NotBlank @Pattern(regexp = VERSION_PATTERN, message = "must look like 2.4.1") String minSoftwareVersion) {}
}
