package org.careid.face.model;

/** A prepared float input tensor and its shape (e.g. [1,3,H,W]). */
public record Tensor(float[] data, long... shape) {
}
