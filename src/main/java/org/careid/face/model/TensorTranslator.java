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
 * DJL translator for our ONNX models: the Java side already prepared a float tensor and its shape
 * (the pre-processing is model specific and lives in the detector/embedder); the outputs come back
 * as float arrays by output name. Maths stays in Java because DJL's ONNX Runtime engine cannot
 * compute on NDArrays.
 */
public final class TensorTranslator implements NoBatchifyTranslator<Tensor, Map<String, float[]>> {

    @Override
    public NDList processInput(TranslatorContext ctx, Tensor input) {
        Shape shape = new Shape(input.shape());
        if (input.data().length != shape.size()) {
            throw new IllegalArgumentException("tensor has " + input.data().length + " values, shape is " + shape);
        }
        return new NDList(ctx.getNDManager().create(FloatBuffer.wrap(input.data()), shape));
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
