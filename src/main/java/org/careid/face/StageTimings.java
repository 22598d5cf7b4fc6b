package org.careid.face;

/** Milliseconds spent per pipeline stage (0 for stages that did not run); {@code padMs}: presentation-attack detection. */
public record StageTimings(double decodeMs, double detectMs, double alignMs, double qualityMs, double embedMs, double padMs,
                           double totalMs) {
}
