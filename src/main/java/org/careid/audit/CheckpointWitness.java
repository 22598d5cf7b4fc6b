package org.careid.audit;

/**
 * Where a copy of each signed checkpoint goes as it is made, outside the database (the witness that
 * lets a reader prove the log was not rewritten before it). Implemented by whatever delivers to the
 * hospital's SIEM; delivery must not block the caller.
 */
public interface CheckpointWitness {

    /** The {@code type} of the JSON document a checkpoint is pushed as. */
    String DOCUMENT_TYPE = "careid.audit.checkpoint";

    /** Queues the checkpoint for delivery; false when no witness is configured or the queue is full. */
    boolean witness(Checkpoint checkpoint);
}
