package org.careid.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Invented patient records shaped like FHIR R4 Patient resources. Generated from the id, so the
 * same id always gives the same record; no real person's data is involved.
 */
final class SyntheticPatients {
    private static final List<String> GIVEN = List.of("Ada", "Ben", "Chloe", "Dmitri", "Elif", "Farah", "Goran", "Hana",
            "Ines", "Jonas", "Keiko", "Luca", "Mara", "Nils", "Olga", "Priya");
    private static final List<String> FAMILY = List.of("Alvarez", "Berg", "Chen", "Dubois", "Eriksen", "Fischer",
            "Garcia", "Haddad", "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov");

    private SyntheticPatients() {}

    static boolean validId(String id) {
        return id != null && id.matches("[A-Za-z0-9-]{1,64}");
    }

    static Map<String, Object> patient(String id) {
        Random r = new Random(id.hashCode() * 31L + 7);
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(r.nextInt(365 * 90));
        return Map.of(
                "resourceType", "Patient",
                "id", id,
                "meta", Map.of("tag", List.of(Map.of("system", "urn:careid:demo", "code", "synthetic"))),
                "identifier", List.of(Map.of("system", "urn:careid:demo:mrn", "value", "MRN-" + (100000 + r.nextInt(900000)))),
                "name", List.of(Map.of("family", FAMILY.get(r.nextInt(FAMILY.size())),
                        "given", List.of(GIVEN.get(r.nextInt(GIVEN.size()))))),
                "gender", r.nextBoolean() ? "female" : "male",
                "birthDate", birth.toString(),
                "active", true);
    }
}
