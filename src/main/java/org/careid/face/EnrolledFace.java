package org.careid.face;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One enrolled face sample: its embedding sealed under the master key, and the model that made it. */
@Entity
@Table(name = "face_template")
public class EnrolledFace extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "staff_id")
    public UUID staffId;
    @Column(name = "model_id")
    public String modelId;
    @Column(name = "model_version")
    public String modelVersion;
    public double quality;
    @Column(name = "sealed_embedding")
    public byte[] sealedEmbedding;
    @Column(name = "sealed_photo")
    public byte[] sealedPhoto;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;

    /** Binds the ciphertext to this row: an embedding pasted onto another person's row fails to open. */
    String embeddingAad() {
        return "face-template:" + staffId + ":" + id;
    }

    String photoAad() {
        return "face-photo:" + staffId + ":" + id;
    }

    static byte[] toBytes(float[] embedding) {
        ByteBuffer buffer = ByteBuffer.allocate(embedding.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : embedding) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    static float[] toEmbedding(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] embedding = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = buffer.getFloat();
        }
        return embedding;
    }
}
