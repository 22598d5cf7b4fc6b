package org.careid.face.model;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One loaded ONNX model and a bounded pool of predictors (a DJL predictor is not thread-safe; each
 * has its own session state). Callers borrow one for a single inference and give it back.
 */
public final class ModelPool implements AutoCloseable {

    private final String id;
    private final ZooModel<Tensor, Map<String, float[]>> model;
    private final BlockingQueue<Predictor<Tensor, Map<String, float[]>>> idle;
    private final long waitMillis;

    public ModelPool(String id, ZooModel<Tensor, Map<String, float[]>> model, int size, long waitMillis) {
        this.id = id;
        this.model = model;
        this.idle = new ArrayBlockingQueue<>(size);
        this.waitMillis = waitMillis;
        for (int i = 0; i < size; i++) {
            idle.add(model.newPredictor());
        }
    }

    /** Runs the model on one prepared input tensor. */
    public Map<String, float[]> run(Tensor input) {
        Predictor<Tensor, Map<String, float[]>> p;
        try {
            p = idle.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceModelsUnavailableException(id + ": interrupted while waiting for a predictor");
        }
        if (p == null) {
            throw new FaceModelsUnavailableException(id + ": all predictors busy for " + waitMillis + " ms");
        }
        try {
            return p.predict(input);
        } catch (TranslateException e) {
            throw new IllegalStateException(id + " inference failed", e);
        } finally {
            idle.offer(p);
        }
    }

    public String id() {
        return id;
    }

    @Override
    public void close() {
        Predictor<Tensor, Map<String, float[]>> p;
        while ((p = idle.poll()) != null) {
            p.close();
        }
        model.close();
    }
}
