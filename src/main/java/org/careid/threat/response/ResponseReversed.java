package org.careid.threat.response;

import org.careid.threat.alert.AlertResponseView;

/** CDI event after an ADMIN reversed an automatic response; the audit package records it. */
public record ResponseReversed(AlertResponseView response, String actor) {}
