package org.careid.device;

/** The server's answer to a redeemed provisioning code: the device id and the thumbprint it registered. */
public record ProvisionResult(String deviceId, String jkt) {
}
