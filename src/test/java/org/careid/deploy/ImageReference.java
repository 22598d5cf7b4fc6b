package org.careid.deploy;

/** An image reference {@code name[:tag][@digest]}, split the way kustomize's images transformer splits it. */
record ImageReference(String name, String tag, String digest) {

    static ImageReference parse(String image) {
        String digest = null;
        int at = image.indexOf('@');
        if (at >= 0) {
            digest = image.substring(at + 1);
            image = image.substring(0, at);
        }
        String tag = null;
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            tag = image.substring(colon + 1);
            image = image.substring(0, colon);
        }
        return new ImageReference(image, tag, digest);
    }
}
