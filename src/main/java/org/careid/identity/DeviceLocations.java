package org.careid.identity;

import java.util.Optional;
import java.util.UUID;

/** Where a device is installed and what type it is, for readers outside the device registry. */
public interface DeviceLocations {
    record Location(String ward, String deviceType) {}

    /** The registry's current ward and type of the device (read in a transaction of its own); empty when unknown. */
    Optional<Location> locate(UUID deviceId);
}
