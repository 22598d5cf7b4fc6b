package org.careid.threat.alert;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.careid.audit.Checkpoint;
import org.careid.audit.CheckpointWitness;

/** Audit checkpoints go to the same SIEM webhook as alerts, with the same queue and retries. */
@ApplicationScoped
public class SiemCheckpointWitness implements CheckpointWitness {
    private final AlertWebhook webhook;

    SiemCheckpointWitness(AlertWebhook webhook) {
        this.webhook = webhook;
    }

    @Override
    public boolean witness(Checkpoint checkpoint) {
        return webhook.publishJson(Map.of("type", DOCUMENT_TYPE, "checkpoint", checkpoint),
                "audit checkpoint " + checkpoint.seq());
    }
}
