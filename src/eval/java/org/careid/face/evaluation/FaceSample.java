package org.careid.face.evaluation;

/**
 * One photo as the mask and masked-verification tools see it: where it came from, its label, the
 * group it must stay with when data is split (the identity, or the file itself when the set has no
 * identities), and the MobileFaceNet embedding of its chosen face (null when no face was found or
 * the image was refused). No image data.
 */
public record FaceSample(String source, String group, String file, boolean masked, String maskType, float[] embedding,
                         String failure) {

    public boolean faceFound() {
        return embedding != null;
    }
}
