package org.careid.identity;

import org.careid.web.ProblemType;

/** Why a device may not obtain tokens now ({@link DeviceService#whyNotEligible}). */
public enum DeviceIneligibility {
    UNKNOWN("unknown device", ProblemType.DEVICE_NOT_PROVISIONED),
    SUSPENDED("device suspended", ProblemType.DEVICE_SUSPENDED),
    RETIRED("device retired", ProblemType.DEVICE_RETIRED),
    NOT_PROVISIONED("device not provisioned", ProblemType.DEVICE_NOT_PROVISIONED),
    SOFTWARE_OUTDATED("device software below minimum version", ProblemType.DEVICE_SOFTWARE_OUTDATED);

    private final String description;
    private final ProblemType problemType;

    DeviceIneligibility(String description, ProblemType problemType) {
        this.description = description;
        this.problemType = problemType;
    }

    /** Words for the audit trail and the problem detail. */
    public String description() {
        return description;
    }

    public ProblemType problemType() {
        return problemType;
    }
}
