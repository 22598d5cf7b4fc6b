package org.careid.face.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Mask-detection rates over labelled samples: masks found among masked photos with a face, bare
 * faces wrongly flagged among bare photos with a face, and photos where no face was found (which
 * the server refuses anyway: NO_FACE).
 */
public final class MaskRates {

    private MaskRates() {
    }

    public static Map<String, Object> of(List<FaceSample> samples, Predicate<float[]> flagged) {
        int with = 0;
        int without = 0;
        int withFace = 0;
        int withoutFace = 0;
        int found = 0;
        int wrong = 0;
        for (FaceSample s : samples) {
            if (s.masked()) {
                with++;
            } else {
                without++;
            }
            if (!s.faceFound()) {
                continue;
            }
            boolean f = flagged.test(s.embedding());
            if (s.masked()) {
                withFace++;
                found += f ? 1 : 0;
            } else {
                withoutFace++;
                wrong += f ? 1 : 0;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("with_mask", with);
        m.put("without_mask", without);
        m.put("with_mask_face_found", withFace);
        m.put("without_mask_face_found", withoutFace);
        m.put("mask_found_rate", rate(found, withFace));
        m.put("bare_flagged_rate", rate(wrong, withoutFace));
        m.put("masks_missed", withFace - found);
        m.put("bare_flagged", wrong);
        m.put("no_face_rate", rate(with - withFace + without - withoutFace, with + without));
        m.put("no_face_with_mask", with - withFace);
        m.put("no_face_without_mask", without - withoutFace);
        return m;
    }

    static double rate(int k, int n) {
        return n == 0 ? 0 : k / (double) n;
    }
}
