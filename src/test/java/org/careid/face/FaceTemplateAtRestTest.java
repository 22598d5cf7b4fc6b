package org.careid.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.careid.crypto.Envelope;
import org.careid.support.Api;
import org.careid.support.Enroll;
import org.junit.jupiter.api.Test;

/**
 * Templates are encrypted at rest: the face template row holds an AES-256-GCM envelope, not the
 * embedding, and the envelope opens only as that person's template in that row.
 */
@QuarkusTest
class FaceTemplateAtRestTest {
    /** Candidates: the first whose face no other test in this app enrolled (1:N refuses duplicates). */
    private static final List<String> PHOTOS = List.of("faces/fr_lin_manuel_miranda/lin-manuel-miranda.png",
            "faces/lfw_Ariel_Sharon/Ariel_Sharon_0001.jpg", "faces/deepface_p06/img18.jpg", "faces/fr_rose_leslie/img2.jpg");

    @Inject
    Envelope envelope;

    @Test
    void anEnrolledFaceIsStoredSealedAndBoundToItsPersonAndRow() {
        String staffId = Api.createStaff();
        Enroll.consent(staffId);
        enrollAFaceNobodyElseHolds(staffId);
        List<EnrolledFace> rows = QuarkusTransaction.requiringNew()
                .call(() -> EnrolledFace.<EnrolledFace>list("staffId", UUID.fromString(staffId)));
        assertEquals(1, rows.size());
        EnrolledFace row = rows.get(0);
        byte[] stored = row.sealedEmbedding;

        byte[] plain = envelope.open(stored, row.embeddingAad());
        float[] embedding = EnrolledFace.toEmbedding(plain);
        assertTrue(embedding.length >= 128, "an embedding comes back: " + embedding.length);
        assertFalse(containsAnyWindow(stored, plain, 16), "no 16 bytes of the embedding appear in the stored column");

        assertThrows(Envelope.TamperedDataException.class,
                () -> envelope.open(stored, "face-template:" + UUID.randomUUID() + ":" + row.id),
                "copied onto another person it does not open");
        assertThrows(Envelope.TamperedDataException.class,
                () -> envelope.open(stored, "face-template:" + staffId + ":" + UUID.randomUUID()),
                "copied onto another row it does not open");
        byte[] flipped = stored.clone();
        flipped[flipped.length / 2] ^= 1;
        assertThrows(Envelope.TamperedDataException.class, () -> envelope.open(flipped, row.embeddingAad()),
                "one changed bit is detected");
    }

    private static boolean containsAnyWindow(byte[] haystack, byte[] needle, int window) {
        for (int i = 0; i + window <= needle.length; i += window) {
            byte[] part = Arrays.copyOfRange(needle, i, i + window);
            for (int j = 0; j + window <= haystack.length; j++) {
                if (Arrays.equals(haystack, j, j + window, part, 0, window)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void enrollAFaceNobodyElseHolds(String staffId) {
        for (String photo : PHOTOS) {
            int status = io.restassured.RestAssured.given().header("Authorization", "Bearer " + Api.admin())
                    .multiPart("images", "face.jpg", org.careid.support.Datasets.bytes(photo), "image/jpeg")
                    .post("/api/v1/staff/" + staffId + "/faces").then().extract().statusCode();
            if (status == 200) {
                return;
            }
            assertEquals(409, status, "only a duplicate identity may refuse " + photo);
        }
        throw new AssertionError("every candidate face is already enrolled by another test");
    }
}
