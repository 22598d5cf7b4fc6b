package org.careid.threat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.careid.threat.response.ThreatResponder;

/**
 * Stands in for the identity/token services' responder in the threat tests only (enabled by
 * ThreatTestProfile): records each call so the tests can check what was asked for.
 */
@Alternative // enabled by ThreatTestProfile only: no @Priority, or it would replace the real one everywhere
@ApplicationScoped
public class RecordingResponder implements ThreatResponder {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** A method, not a field: tests reach this bean through its client proxy. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override public void suspendDevice(UUID deviceId) { calls.add("suspend " + deviceId); }
    @Override public void reinstateDevice(UUID deviceId) { calls.add("reinstate " + deviceId); }
    @Override public void requireStepUp(UUID staffId, Duration period) { calls.add("step-up " + staffId + " " + period); }
    @Override public void clearStepUp(UUID staffId) { calls.add("clear-step-up " + staffId); }
    @Override public void revokeTokensOfStaff(UUID staffId) { calls.add("revoke-staff " + staffId); }
    @Override public void revokeTokensOfDevice(UUID deviceId) { calls.add("revoke-device " + deviceId); }
}
