package org.careid.threat;

/** What an alert is about. The subject id is a UUID for staff and devices, a ward name for wards. */
public enum SubjectType { STAFF, DEVICE, WARD }
