package org.careid.fingerprint.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.machinezoo.sourceafis.FingerprintTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes extra templates for a large benchmark gallery from real ones: each copy takes a real template's
 * minutiae, mirrors them (a mirrored print has the ridge structure of a real finger but is not a
 * match for it, as a left and a right thumb are not), drops a quarter of them at random, moves the rest
 * by a few pixels and turns their directions slightly, then shifts and rotates the whole set. The
 * copies keep the size, density and structure of real templates, which is what matching time
 * depends on, and behave as impostors to the real probes, as almost all of a real gallery does.
 */
final class SyntheticTemplates {
    private static final CBORMapper CBOR = new CBORMapper();
    private final Random random;

    SyntheticTemplates(long seed) {
        this.random = new Random(seed);
    }

    FingerprintTemplate perturb(FingerprintTemplate original) {
        try {
            ObjectNode root = (ObjectNode) CBOR.readTree(original.toByteArray());
            int width = root.path("width").asInt();
            int height = root.path("height").asInt();
            ArrayNode xs = (ArrayNode) root.path("positionsX");
            ArrayNode ys = (ArrayNode) root.path("positionsY");
            ArrayNode directions = (ArrayNode) root.path("directions");
            String types = root.path("types").asText();
            double angle = (random.nextDouble() - 0.5) * Math.PI / 2;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double cx = width / 2.0;
            double cy = height / 2.0;
            double dx = (random.nextDouble() - 0.5) * 60;
            double dy = (random.nextDouble() - 0.5) * 60;
            List<int[]> kept = new ArrayList<>();
            List<Float> keptDirections = new ArrayList<>();
            StringBuilder keptTypes = new StringBuilder();
            for (int i = 0; i < xs.size(); i++) {
                if (random.nextDouble() < 0.25) {
                    continue;
                }
                double x = (width - 1 - xs.get(i).asDouble()) - cx + random.nextGaussian() * 3;
                double y = ys.get(i).asDouble() - cy + random.nextGaussian() * 3;
                int nx = (int) Math.round(cx + dx + x * cos - y * sin);
                int ny = (int) Math.round(cy + dy + x * sin + y * cos);
                if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
                    continue;
                }
                double direction = Math.PI - directions.get(i).asDouble() + angle + random.nextGaussian() * 0.15;
                direction = ((direction % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
                kept.add(new int[] {nx, ny});
                keptDirections.add((float) direction);
                keptTypes.append(types.charAt(i));
            }
            ArrayNode newXs = root.putArray("positionsX");
            ArrayNode newYs = root.putArray("positionsY");
            ArrayNode newDirections = root.putArray("directions");
            for (int i = 0; i < kept.size(); i++) {
                newXs.add((short) kept.get(i)[0]);
                newYs.add((short) kept.get(i)[1]);
                newDirections.add(keptDirections.get(i));
            }
            root.put("types", keptTypes.toString());
            return new FingerprintTemplate(CBOR.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException("cannot rewrite template", e);
        }
    }
}
