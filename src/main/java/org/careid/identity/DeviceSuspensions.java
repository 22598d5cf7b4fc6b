package org.careid.identity;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Status changes for automatic responses, through {@link DeviceService} so they are audited and announced. */
@ApplicationScoped
public class DeviceSuspensions implements DeviceSuspension {
    private final DeviceService devices;

    @Inject
    DeviceSuspensions(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    @Transactional
    public void suspendIfActive(UUID deviceId) {
        if (devices.require(deviceId).status == Device.Status.ACTIVE) {
            devices.setStatus(deviceId, Device.Status.SUSPENDED);
        }
    }

    @Override
    @Transactional
    public void reinstateIfSuspended(UUID deviceId) {
        if (devices.require(deviceId).status == Device.Status.SUSPENDED) {
            devices.setStatus(deviceId, Device.Status.ACTIVE);
        }
    }
}
