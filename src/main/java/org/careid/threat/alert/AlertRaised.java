package org.careid.threat.alert;

import java.util.List;

/**
 * CDI event fired after an alert was stored (new or repeated). The audit package observes it to
 * write the alert to the hash-chained audit log. {@code responses} lists actions applied now.
 */
public record AlertRaised(AlertView alert, boolean newlyOpened, List<AlertResponseView> responses) {}
