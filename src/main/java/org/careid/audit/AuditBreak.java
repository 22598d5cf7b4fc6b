package org.careid.audit;

/** The kinds of break a verification can name, each at the first entry (or checkpoint) it affects. */
public enum AuditBreak {
    /** The entry's content or a link field no longer matches its hash. */
    EDITED_ENTRY,
    /** One or more entries are gone (a gap, or later entries renumbered to close it). */
    DELETED_ENTRY,
    /** Entries were moved: the entry following its predecessor sits elsewhere in the chain. */
    REORDERED_ENTRIES,
    /** Entries at the end are missing: the head, a checkpoint or a witness names entries beyond the chain's end. */
    TRUNCATED_TAIL,
    /** The hashes are consistent but the MAC is not: the chain was recomputed by someone without the key. */
    REBUILT_WITHOUT_KEY,
    /** A stored checkpoint's signature fails, or its key is unknown or not sealed under this server's master key. */
    CHECKPOINT_SIGNATURE_INVALID,
    /** A validly signed checkpoint disagrees with the entries, the head, or the checkpoint before it. */
    CHECKPOINT_MISMATCH,
    /** A witness copy (a checkpoint kept outside the database) disagrees with the database. */
    WITNESS_MISMATCH
}
