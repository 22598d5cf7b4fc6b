package org.careid.biometric;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.careid.cluster.GallerySync;
import org.careid.face.FacePipeline;
import org.careid.face.FaceService;
import org.careid.face.gallery.FaceGallery;
import org.careid.face.threshold.FaceThresholds;
import org.careid.fingerprint.FingerprintGallery;
import org.careid.fingerprint.FingerprintGalleryModality;
import org.careid.fingerprint.FingerprintPipeline;
import org.careid.fingerprint.FingerprintService;
import org.careid.identity.Roles;
import org.careid.identity.StaffService;
import org.careid.identity.StaffViews;
import org.careid.support.Datasets;
import org.junit.jupiter.api.Test;

import com.machinezoo.sourceafis.FingerprintTemplate;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The in-memory galleries follow committed changes only: an erasure, consent withdrawal or
 * deactivation whose transaction rolls back leaves the person enrolled and matchable, the same
 * change committed takes them out, a rolled-back enrollment never appears, and other replicas'
 * changes arrive through the change log. Real photos and
 * fingerprints no other test enrolls (skipped without ../shared/datasets).
 */
@QuarkusTest
@TestSecurity(user = "gallery-commit-test", roles = Roles.ADMIN)
class GalleryCommitTest {
    private static final List<String> FACE = List.of("faces/deepface_p06/img18.jpg", "faces/deepface_p06/img19.jpg",
            "faces/deepface_p06/img67.jpg");
    private static final List<String> NEVER_ENROLLED_FACE = List.of("faces/fr_alex_lacamoire/alex_lacamoire1.jpg",
            "faces/fr_alex_lacamoire/img1.jpg");
    private static final String FINGER = "fingerprints/fvc2002_db2_b_105/105_";
    private static final String NEVER_ENROLLED_FINGER = "fingerprints/fvc2002_db2_b_106/106_";
    private static final String REPLAYED_FINGER = "fingerprints/fvc2002_db2_b_108/108_";
    private static final int FVC2002_DB2_DPI = 569;

    @Inject
    StaffService staff;
    @Inject
    ConsentService consent;
    @Inject
    FaceService faces;
    @Inject
    FaceGallery faceGallery;
    @Inject
    FacePipeline facePipeline;
    @Inject
    FaceThresholds faceThresholds;
    @Inject
    FingerprintService fingerprints;
    @Inject
    FingerprintGallery fingerprintGallery;
    @Inject
    FingerprintPipeline fingerprintPipeline;
    @Inject
    FingerprintGalleryModality fingerprintModality;
    @Inject
    GallerySync changeLog;

    @Test
    void aRolledBackFaceErasureLeavesThePersonMatchableACommittedOneRemovesThem() {
        List<byte[]> photos = FACE.stream().map(Datasets::bytes).toList();
        UUID person = consentedStaff();
        assertTrue(faces.enroll(person, photos).enrolled());
        float[] probe = facePipeline.analyze(photos.get(1)).embedding();
        assertTrue(faceMatches(person, probe), "enrolled and committed: in the gallery");

        rolledBack(() -> consent.eraseAll(person));
        assertTrue(faceMatches(person, probe), "a rolled-back erasure leaves the person matchable");
        rolledBack(() -> consent.withdraw(person));
        assertTrue(faceMatches(person, probe), "a rolled-back consent withdrawal leaves the person matchable");
        rolledBack(() -> faces.delete(person));
        assertTrue(faceMatches(person, probe), "a rolled-back face deletion leaves the person matchable");
        rolledBack(() -> staff.setActive(person, false));
        assertTrue(faceMatches(person, probe), "a rolled-back deactivation leaves the person matchable");

        staff.setActive(person, false);
        assertFalse(faceGallery.contains(person), "deactivated staff leave the gallery");
        staff.setActive(person, true);
        assertTrue(faceMatches(person, probe), "reactivated staff come back");

        consent.eraseAll(person);
        assertFalse(faceGallery.contains(person), "a committed erasure removes the person");
        assertFalse(faceMatches(person, probe));
        assertNotEquals(person, faceGallery.identify(probe, faceThresholds.verificationThreshold(), 0).staffId());
    }

    @Test
    void aRolledBackFingerprintErasureLeavesThePersonMatchableACommittedOneRemovesThem() {
        List<byte[]> impressions = impressions(FINGER, 1, 2, 3);
        UUID person = consentedStaff();
        assertTrue(fingerprints.enroll(person, 2, FVC2002_DB2_DPI, impressions).enrolled());
        FingerprintTemplate probe = fingerprintPipeline.extract(Datasets.bytes(FINGER + "4.tif"), FVC2002_DB2_DPI).template();
        assertTrue(fingerprintGallery.verify(probe, person).matched(), "enrolled and committed: in the gallery");

        rolledBack(() -> consent.eraseAll(person));
        assertTrue(fingerprintGallery.verify(probe, person).matched(), "a rolled-back erasure leaves the person matchable");
        rolledBack(() -> consent.withdraw(person));
        assertTrue(fingerprintGallery.verify(probe, person).matched(), "a rolled-back withdrawal leaves the person matchable");
        rolledBack(() -> fingerprints.delete(person));
        assertTrue(fingerprintGallery.verify(probe, person).matched(), "a rolled-back deletion leaves the person matchable");

        staff.setActive(person, false);
        assertFalse(fingerprintGallery.contains(person), "deactivated staff leave the gallery");
        staff.setActive(person, true);
        assertTrue(fingerprintGallery.verify(probe, person).matched(), "reactivated staff come back");

        consent.eraseAll(person);
        assertFalse(fingerprintGallery.contains(person), "a committed erasure removes the person");
        assertFalse(fingerprintGallery.verify(probe, person).matched());
        assertNotEquals(person, fingerprintGallery.identify(probe).staffId());
    }

    @Test
    void aRolledBackFaceEnrollmentNeverAppears() {
        List<byte[]> photos = NEVER_ENROLLED_FACE.stream().map(Datasets::bytes).toList();
        UUID person = consentedStaff();
        AtomicBoolean stored = new AtomicBoolean();
        rolledBack(() -> stored.set(faces.enroll(person, photos).accepted() > 0));
        assertTrue(stored.get(), "the samples were accepted before the rollback");
        assertFalse(faceGallery.contains(person));
        float[] probe = facePipeline.analyze(photos.get(0)).embedding();
        assertNotEquals(person, faceGallery.identify(probe, faceThresholds.verificationThreshold(), 0).staffId());
    }

    @Test
    void aRolledBackFingerprintEnrollmentNeverAppears() {
        List<byte[]> impressions = impressions(NEVER_ENROLLED_FINGER, 1, 2, 3);
        UUID person = consentedStaff();
        AtomicBoolean stored = new AtomicBoolean();
        rolledBack(() -> stored.set(fingerprints.enroll(person, 3, FVC2002_DB2_DPI, impressions).enrolled()));
        assertTrue(stored.get(), "the impressions were accepted before the rollback");
        assertFalse(fingerprintGallery.contains(person));
        FingerprintTemplate probe = fingerprintPipeline.extract(impressions.get(0), FVC2002_DB2_DPI).template();
        assertNotEquals(person, fingerprintGallery.identify(probe).staffId());
    }

    /**
     * What another replica commits reaches this gallery through the change log alone: here the rows
     * change without this replica's gallery being told, as they would on another replica.
     */
    @Test
    void changesFromAnotherReplicaAreReplayedIntoTheGallery() throws InterruptedException {
        UUID person = consentedStaff();
        assertTrue(fingerprints.enroll(person, 5, FVC2002_DB2_DPI, impressions(REPLAYED_FINGER, 1, 2, 3)).enrolled());
        FingerprintTemplate probe = fingerprintPipeline.extract(Datasets.bytes(REPLAYED_FINGER + "4.tif"), FVC2002_DB2_DPI).template();
        fingerprintGallery.replaceStaff(person, List.of()); // this replica has not seen the enrollment yet
        QuarkusTransaction.requiringNew().run(() -> changeLog.record(person));
        assertTrue(eventually(() -> fingerprintGallery.verify(probe, person).matched()), "the replayed enrollment is loaded");

        QuarkusTransaction.requiringNew().run(() -> {
            fingerprintModality.deleteTemplates(person); // erased on another replica
            changeLog.record(person);
        });
        assertTrue(eventually(() -> !fingerprintGallery.contains(person)), "the replayed erasure takes the person out");
    }

    @Test
    void oneReadinessCheckCoversBothGalleries() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'galleries' }.status", equalTo("UP"));
        org.careid.support.Api.as(org.careid.support.Api.admin()).get("/api/v1/health/details").then().statusCode(200)
                .body("checks.find { it.name == 'galleries' }.data['face.loaded']", equalTo(true))
                .body("checks.find { it.name == 'galleries' }.data['fpt.loaded']", equalTo(true))
                .body("checks.find { it.name == 'galleries' }.data['fpt.templates']", greaterThanOrEqualTo(0));
    }

    private boolean faceMatches(UUID person, float[] probe) {
        return faceGallery.verify(person, probe, faceThresholds.verificationThreshold()).matched();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static List<byte[]> impressions(String prefix, int... numbers) {
        return IntStream.of(numbers).mapToObj(n -> Datasets.bytes(prefix + n + ".tif")).toList();
    }

    /** Runs the change in a transaction that then rolls back (as when a later step of it fails). */
    private static void rolledBack(Runnable change) {
        assertThrows(QuarkusTransactionException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            change.run();
            QuarkusTransaction.setRollbackOnly();
        }));
    }

    private UUID consentedStaff() {
        String employeeId = "gallery-" + UUID.randomUUID();
        UUID id = staff.create(new StaffViews.StaffRequest(employeeId, "Gallery Test", "nurse", "ward-7", Set.of())).id();
        consent.record(id, consent.text().version());
        return id;
    }
}
