package org.careid.biometric;

import java.util.UUID;

/**
 * Fired (synchronously, inside the erasing transaction) when a person's biometric data must go:
 * consent withdrawn or an operator's erase request. Each modality deletes its own templates.
 */
public record BiometricsErased(UUID staffId, String reason) {}
