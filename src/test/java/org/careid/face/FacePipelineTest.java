package org.careid.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.careid.face.detect.DetectedFace;
import org.careid.face.embed.FaceEmbedder;
import org.careid.face.evaluation.SyntheticMask;
import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.careid.image.ImageFormat;
import org.careid.image.OpenCvLoader;
import org.careid.face.quality.QualityIssue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** The real pipeline on real photos from ../shared/datasets (skipped when absent). */
class FacePipelineTest {

    private static FacePipeline pipeline;

    @BeforeAll
    static void load() {
        pipeline = FacePipeline.create(TestData.models());
    }

    private static byte[] bytes(String relative) throws IOException {
        return Files.readAllBytes(TestData.photo(relative));
    }

    private static float[] embedding(String relative) throws IOException {
        FaceAnalysis a = pipeline.analyze(bytes(relative), FacePurpose.ENROLLMENT);
        assertTrue(a.accepted(), relative + " should pass the quality gate: " + a.quality().issues());
        return a.embedding();
    }

    @Test
    void samePersonScoresHighDifferentPeopleLow() throws IOException {
        float[] obama1 = embedding("faces/fr_obama/obama.jpg");
        float[] obama2 = embedding("faces/fr_obama/obama2.jpg");
        float[] biden = embedding("faces/fr_biden/biden.jpg");
        float[] bush = embedding("faces/lfw_George_W_Bush/George_W_Bush_0001.jpg");
        float[] bush2 = embedding("faces/lfw_George_W_Bush/George_W_Bush_0002.jpg");
        double same = FaceEmbedder.similarity(obama1, obama2);
        double sameLfw = FaceEmbedder.similarity(bush, bush2);
        assertTrue(same > 0.5, "same person (press photos) " + same);
        assertTrue(sameLfw > 0.4, "same person (padded LFW crops) " + sameLfw);
        assertTrue(FaceEmbedder.similarity(obama1, biden) < 0.3, "different people");
        assertTrue(FaceEmbedder.similarity(obama1, bush) < 0.3, "different people");
        assertEquals(1.0, FaceEmbedder.similarity(obama1, obama1), 1e-5, "L2-normalised");
    }

    @Test
    void tightLfwCropsArePaddedBeforeDetection() throws IOException {
        FaceAnalysis a = pipeline.analyze(bytes("faces/lfw_Colin_Powell/Colin_Powell_0001.jpg"));
        assertTrue(a.padded());
        assertEquals(1, a.faceCount());
        assertEquals(125, a.imageWidth());
    }

    @Test
    void multiFacePhotosFindSeveralFacesAndFollowThePolicy() throws IOException {
        for (String photo : new String[] {"face-samples/multi_face_fr/obama_and_biden.jpg", "face-samples/multi_face_fr/two_people.jpg",
            "face-samples/multi_face_deepface/couple.jpg"}) {
            FaceAnalysis enrollment = pipeline.analyze(bytes(photo), FacePurpose.ENROLLMENT);
            assertTrue(enrollment.faceCount() >= 2, photo + " faces: " + enrollment.faceCount());
            assertTrue(enrollment.quality().issues().contains(QualityIssue.MULTIPLE_FACES), photo + " refused for enrollment");
            assertNull(enrollment.embedding());
        }
        FaceAnalysis many = pipeline.analyze(bytes("face-samples/multi_face_deepface/selfie-many-people.jpg"), FacePurpose.AUTHENTICATION);
        assertTrue(many.faceCount() >= 3, "group selfie faces: " + many.faceCount());
    }

    @Test
    void authenticationUsesAClearlyDominantFace() throws IOException {
        FaceAnalysis solo;
        try (DecodedImage img = FaceImageDecoder.withDefaults().decode(bytes("faces/fr_obama/obama.jpg"))) {
            // paste a copy at a third of the size into a corner: a colleague far behind
            Mat canvas = img.bgr().clone();
            Mat small = new Mat();
            Imgproc.resize(img.bgr(), small, new org.opencv.core.Size(img.width() / 3.0, img.height() / 3.0));
            small.copyTo(canvas.submat(0, small.rows(), 0, small.cols()));
            solo = pipeline.analyze(canvas, FacePurpose.AUTHENTICATION);
            FaceAnalysis enrollment = pipeline.analyze(canvas, FacePurpose.ENROLLMENT);
            assertTrue(solo.faceCount() >= 2, "faces " + solo.faceCount());
            assertTrue(enrollment.quality().issues().contains(QualityIssue.MULTIPLE_FACES));
        }
        assertTrue(solo.accepted(), "dominant face used for authentication: " + solo.quality().issues());
    }

    @Test
    void syntheticSurgicalMaskIsFlaggedAndNeverEmbedded() throws IOException {
        try (DecodedImage img = FaceImageDecoder.withDefaults().decode(bytes("faces/fr_obama/obama.jpg"))) {
            FaceAnalysis bare = pipeline.analyze(img.bgr(), FacePurpose.AUTHENTICATION);
            assertFalse(bare.quality().masked(), "bare face mask score " + bare.quality().maskScore());
            Mat masked = img.bgr().clone();
            SyntheticMask.draw(masked, bare.chosen(), new Scalar(235, 200, 150)); // light blue
            FaceAnalysis a = pipeline.analyze(masked, FacePurpose.AUTHENTICATION);
            assertTrue(a.quality().masked(), "mask score " + a.quality().maskScore());
            assertTrue(a.secondFactorRequired());
            assertNull(a.embedding(), "a masked face is never matched alone");
        }
    }

    @Test
    void exifRotatedPhotoIsDetectedUpright() throws IOException {
        byte[] sideways = bytes("spoof/silentface_minivision/image_T1.jpg");
        FaceAnalysis a = pipeline.analyze(sideways);
        assertEquals(1, a.faceCount());
        assertTrue(Math.abs(a.quality().rollDegrees()) < 20, "upright after EXIF orientation, roll " + a.quality().rollDegrees());
        assertTrue(a.imageHeight() > a.imageWidth(), "portrait once rotated");
    }

    @Test
    void webpNamedJpgIsDecodedAsWebp() throws IOException {
        byte[] b = bytes("faces/deepface_p03/img47.jpg");
        assertEquals(ImageFormat.WEBP, ImageFormat.sniff(b).orElseThrow());
        FaceAnalysis a = pipeline.analyze(b, FacePurpose.ENROLLMENT);
        assertEquals(1, a.faceCount());
    }

    @Test
    void drawnPictureWithoutFaceGivesNoFace() {
        OpenCvLoader.ensureLoaded(); // the test draws with OpenCV before the pipeline runs
        Mat m = new Mat(480, 640, CvType.CV_8UC3, new Scalar(200, 180, 160));
        Imgproc.rectangle(m, new Point(100, 100), new Point(300, 250), new Scalar(20, 90, 200), -1);
        Imgproc.circle(m, new Point(450, 300), 80, new Scalar(40, 160, 40), -1);
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".jpg", m, buf);
        FaceAnalysis a = pipeline.analyze(buf.toArray());
        assertEquals(0, a.faceCount());
        assertEquals(java.util.Set.of(QualityIssue.NO_FACE), a.quality().issues());
        assertNull(a.chosen());
        assertTrue(a.timings().totalMs() > 0);
    }

    @Test
    void detectorAgreesWithOpenCvFaceDetectorYn() throws IOException {
        Path model = TestData.modelsDir().resolve("yunet/yunet_s_640_640.onnx");
        byte[] b = bytes("faces/fr_obama/obama.jpg");
        FaceAnalysis ours = pipeline.analyze(b);
        DetectedFace f = ours.chosen();
        assertNotNull(f);
        try (DecodedImage img = FaceImageDecoder.withDefaults().decode(b)) {
            // cross-check only: OpenCV's own YuNet wrapper on the same (byte-identical) model file
            org.opencv.objdetect.FaceDetectorYN yn = org.opencv.objdetect.FaceDetectorYN.create(model.toString(), "",
                    new org.opencv.core.Size(img.width(), img.height()), 0.6f, 0.3f, 50);
            Mat faces = new Mat();
            yn.detect(img.bgr(), faces);
            assertEquals(1, faces.rows(), "OpenCV finds one face too");
            double[] r = new double[15];
            for (int i = 0; i < 15; i++) {
                r[i] = faces.get(0, i)[0];
            }
            DetectedFace cv = new DetectedFace(r[0], r[1], r[2], r[3], java.util.Arrays.copyOfRange(r, 4, 14), r[14]);
            assertTrue(f.iou(cv) > 0.8, "box IoU " + f.iou(cv));
            double eye = f.eyeDistance();
            for (int k = 0; k < 5; k++) {
                double d = Math.hypot(f.landmarkX(k) - cv.landmarkX(k), f.landmarkY(k) - cv.landmarkY(k));
                assertTrue(d < 0.15 * eye, "landmark " + k + " off by " + d + " px (eye distance " + eye + ")");
            }
            assertEquals(cv.score(), f.score(), 0.1);
        }
    }

    @Test
    void faceCutOffByTheFrameIsNotMistakenForAMask() throws IOException {
        try (DecodedImage img = FaceImageDecoder.withDefaults().decode(bytes("faces/fr_obama/obama.jpg"))) {
            DetectedFace f = pipeline.analyze(img.bgr(), FacePurpose.AUTHENTICATION).chosen();
            // keep everything down to just under the nose tip: mouth and chin are outside the frame
            int bottom = (int) Math.round(f.landmarkY(2) + 0.15 * f.eyeDistance());
            Mat top = img.bgr().submat(0, bottom, 0, img.width()).clone();
            FaceAnalysis a = pipeline.analyze(top, FacePurpose.AUTHENTICATION);
            assertNotNull(a.chosen(), "the upper face is still detected");
            assertTrue(a.quality().issues().contains(QualityIssue.FACE_CUT_OFF), "issues " + a.quality().issues());
            assertFalse(a.quality().masked());
            assertNull(a.embedding());
        }
    }

    @Test
    void fixedAndDynamicYuNetExportsAgree() throws IOException {
        byte[] b = bytes("faces/fr_obama/obama.jpg");
        DetectedFace dynamic = pipeline.analyze(b).chosen();
        try (org.careid.face.model.FaceModels fixed = org.careid.face.model.FaceModels.load(TestData.modelsDir(), 1,
                org.careid.face.model.FaceModels.DETECTOR_FIXED)) {
            FaceAnalysis a = FacePipeline.create(fixed).analyze(b);
            assertEquals(1, a.faceCount());
            assertTrue(a.chosen().iou(dynamic) > 0.85, "IoU " + a.chosen().iou(dynamic));
            assertTrue(a.accepted());
        }
    }
}
