package org.careid.threat.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the threat detectors are evaluated on: security events in time order, each labelled with the
 * attack it belongs to (or none), the attacks, every person's peer group (ward and clinical role, as
 * the staff directory gives it) and the number of staff-shifts the stream covers (the denominator of
 * false alerts per 1,000 staff-shifts). Made by the simulator or read from an event log.
 *
 * @param start the beginning of the stream: behaviour models are first trained a week after it
 */
record LabelledStream(List<SimEvent> events, List<InjectedAttack> attacks, Map<UUID, String> peerGroups,
                      int staffShifts, Instant start) {
}
