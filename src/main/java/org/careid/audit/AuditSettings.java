package org.careid.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Audit checkpoints and their signing keys ({@code careid.audit.*}). */
@ConfigMapping(prefix = "careid.audit")
public interface AuditSettings {
    Checkpoints checkpoint();

    interface Checkpoints {
        /** A checkpoint once this many entries were appended since the last one... */
        @WithDefault("1000")
        int everyEntries();

        /** ...or once this much time passed with at least one new entry. */
        @WithDefault("PT5M")
        Duration every();

        /** How often each replica looks whether a checkpoint is due. */
        @WithDefault("10s")
        String checkInterval();

        /** How long one checkpoint key signs before the scheduled rotation replaces it. */
        @WithDefault("P90D")
        Duration keyRotationPeriod();
    }
}
