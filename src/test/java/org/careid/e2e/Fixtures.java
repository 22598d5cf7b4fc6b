package org.careid.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.Enroll;

/** The administrator's side of the end-to-end tests: devices and clinicians, set up through the API. */
final class Fixtures {
    static final String WARD = "ICU";
    static final String SCOPES = "patient/*.read device:unlock";

    private Fixtures() {}

    /**
     * A device the CLI has provisioned with its own key: ADMIN registers it and issues a code, the CLI redeems it.
     * These devices send still images, so ADMIN lets their type unlock on the face alone (the default policy asks
     * for the head-turn challenge there, see FaceChallengeEndToEndTest).
     */
    static ProvisionedDevice provisionedDevice(URL server, Path parent, String deviceType) {
        return provisionedDevice(server, parent, deviceType, false);
    }

    /** As above; with {@code keepPolicy} the device type's authentication policy is left as it is. */
    static ProvisionedDevice provisionedDevice(URL server, Path parent, String deviceType, boolean keepPolicy) {
        if (!keepPolicy) {
            Api.as(Api.admin()).body(Map.of("scope", "device:unlock", "deviceType", deviceType, "requiredFactors", 1,
                    "faceChallenge", false)).put("/api/v1/auth/policies").then().statusCode(200);
        }
        String id = registeredDevice(deviceType);
        String code = Api.as(Api.admin()).post("/api/v1/devices/" + id + "/provisioning-code")
                .then().statusCode(200).extract().path("code");
        DeviceCliProcess cli = deviceCli(server, parent, id);
        CliResult provisioned = cli.run("--device-id", id, "provision", "--code", code);
        assertEquals(0, provisioned.exitCode(), provisioned::describe);
        return new ProvisionedDevice(UUID.fromString(id), cli);
    }

    /** A device record ADMIN registered (not yet provisioned); its id. */
    static String registeredDevice(String deviceType) {
        return Api.as(Api.admin())
                .body(Map.of("name", "bed " + UUID.randomUUID().toString().substring(0, 6), "deviceType", deviceType, "ward", WARD))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
    }

    /** The CLI of one device, its key store in an owner-only directory of its own under {@code parent}. */
    static DeviceCliProcess deviceCli(URL server, Path parent, String deviceId) {
        return new DeviceCliProcess(server, ownerOnlyDirectory(parent.resolve("device-" + deviceId)));
    }

    /** A clinician with {@link #SCOPES}, consent and a face enrolled from these dataset photos. */
    static String clinicianWithFace(String... datasetPhotos) {
        for (String photo : datasetPhotos) {
            Datasets.bytes(photo); // skips the test when the datasets are absent
        }
        String staff = Api.createStaff(SCOPES.split(" "));
        Enroll.consent(staff);
        Enroll.faces(staff, datasetPhotos);
        return staff;
    }

    /** A dataset photo as a file path the CLI can read (skips the test when absent). */
    static String photo(String relative) {
        Datasets.bytes(relative);
        return Datasets.root().resolve(relative).toAbsolutePath().toString();
    }

    /** A copy of a token file that keeps it owner-only (the CLI refuses token files others can read). */
    static Path ownerOnlyCopy(Path tokenFile, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.copy(tokenFile, target);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path ownerOnlyDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A device registered in the server, and the CLI holding its key. */
    record ProvisionedDevice(UUID id, DeviceCliProcess cli) {
        CliResult run(String... args) {
            return cli.run(args);
        }
    }
}
