package org.careid.threat.evaluation;

import org.careid.events.AuthEventRecord;

/** A simulated event, with the attack it belongs to (null for normal traffic). */
record SimEvent(AuthEventRecord record, InjectedAttack attack) {}
