package org.careid.face;

/** Milliseconds spent per pipeline stage (0 for stages that did not run). */
public record StageTimings(double decodeMs, double detectMs, double alignMs, double qualityMs, double embedMs, double totalMs) {
}
