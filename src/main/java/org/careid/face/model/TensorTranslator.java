package org.careid.face.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DJL translator for our two ONNX models: the Java side already prepared a float tensor of a fixed
 * shape (the pre-processing is model specific and lives in the detector/embedder); the outputs come
 * back as float arrays by output name. Maths stays in Java because DJL's ONNX Runtime engine cannot
 * compute on NDArrays.
 */
public final class TensorTranslator implements NoBatchifyTranslator<float[], Map<String, float[]>> {

    private final Shape inputShape;

    public TensorTranslator(long... inputShape) {
        this.inputShape = new Shape(inputShape);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[] input) {
        if (input.length != inputShape.size()) {
            throw new IllegalArgumentException("tensor has " + input.length + " values, model wants " + inputShape);
        }
        return new NDList(ctx.getNDManager().create(FloatBuffer.wrap(input), inputShape));
    }

    @Override
    public Map<String, float[]> processOutput(TranslatorContext ctx, NDList list) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            NDArray a = list.get(i);
            String name = a.getName() == null || a.getName().isEmpty() ? "output_" + i : a.getName();
            out.put(name, a.toFloatArray());
        }
        return out;
    }
}
