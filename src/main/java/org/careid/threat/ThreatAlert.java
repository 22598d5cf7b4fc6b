package org.careid.threat;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert candidate emitted by a detector. The evidence is a short human-readable summary with
 * counts, times, wards and ids only: never a match score distribution, image or template.
 *
 * @param time        event time that triggered it
 * @param detector    the detector's name (stable, used in metrics and configuration)
 * @param severity    how urgent
 * @param subjectType what it is about
 * @param subjectId   staff/device UUID as text, or ward name
 * @param evidence    summary for the alert
 * @param staffId     the staff member an automatic response would act on, or null
 * @param deviceId    the device an automatic response would act on, or null
 */
public record ThreatAlert(Instant time, String detector, Severity severity, SubjectType subjectType,
                          String subjectId, String evidence, UUID staffId, UUID deviceId) {

    public static ThreatAlert aboutStaff(Instant time, String detector, Severity severity, UUID staff,
                                         UUID device, String evidence) {
        return new ThreatAlert(time, detector, severity, SubjectType.STAFF, staff.toString(), evidence,
                staff, device);
    }

    public static ThreatAlert aboutDevice(Instant time, String detector, Severity severity, UUID device,
                                          UUID staff, String evidence) {
        return new ThreatAlert(time, detector, severity, SubjectType.DEVICE, device.toString(), evidence,
                staff, device);
    }

    public static ThreatAlert aboutWard(Instant time, String detector, Severity severity, String ward,
                                        String evidence) {
        return new ThreatAlert(time, detector, severity, SubjectType.WARD, ward, evidence, null, null);
    }
}
