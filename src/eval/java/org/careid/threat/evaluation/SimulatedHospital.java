package org.careid.threat.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.careid.threat.detect.WardMap;

/**
 * The simulated hospital: the configured wards, each with its devices, and staff with a home ward,
 * a role (which decides their scopes), a shift pattern, their usual devices and their own failure
 * rate. Every number here describes normal life and is documented in docs/THREATS.md.
 */
final class SimulatedHospital {
    static final List<String> DEVICE_TYPES = List.of("bedside", "medication-cart", "workstation");
    // Lists, not Set.of: their iteration order must not change between runs of one seed
    static final Map<String, List<String>> ROLE_SCOPES = Map.of(
            "nurse", List.of("patient/*.read", "medication.administer", "vitals.write"),
            "physician", List.of("patient/*.read", "patient/*.write", "orders.write"),
            "pharmacist", List.of("patient/*.read", "medication.dispense"),
            "therapist", List.of("patient/*.read", "vitals.write"));
    static final List<String> ALL_SCOPES = List.of("patient/*.read", "patient/*.write", "orders.write",
            "medication.administer", "medication.dispense", "vitals.write", "records.export");

    record Device(UUID id, String ward, String type) {}

    enum ShiftPattern { DAY, NIGHT, ROTATING }

    record Staff(UUID id, String home, String secondary, String role, ShiftPattern pattern, double frr,
                 List<Device> usualDevices, List<Device> secondaryDevices, double walkingSpeed,
                 String modality) {}

    final WardMap wardMap;
    final List<String> wards;
    final List<Device> devices = new ArrayList<>();
    final Map<String, List<Device>> devicesByWard = new HashMap<>();
    final List<Staff> staff = new ArrayList<>();

    SimulatedHospital(WardMap wardMap, int staffCount, Random rnd) {
        this.wardMap = wardMap;
        this.wards = new ArrayList<>(new java.util.TreeSet<>(wardMap.wardNames()));
        for (String ward : wards) {
            List<Device> list = new ArrayList<>();
            // 6 bedside terminals, 2 medication carts, 2 workstations per ward
            for (int i = 0; i < 10; i++) {
                String type = i < 6 ? "bedside" : i < 8 ? "medication-cart" : "workstation";
                Device d = new Device(idFrom(rnd), ward, type);
                list.add(d);
                devices.add(d);
            }
            devicesByWard.put(ward, list);
        }
        for (int i = 0; i < staffCount; i++) {
            staff.add(newStaff(rnd));
        }
    }

    private Staff newStaff(Random rnd) {
        String home = wards.get(rnd.nextInt(wards.size()));
        String secondary;
        do {
            secondary = wards.get(rnd.nextInt(wards.size()));
        } while (secondary.equals(home));
        double r = rnd.nextDouble();
        String role = r < 0.6 ? "nurse" : r < 0.85 ? "physician" : r < 0.93 ? "pharmacist" : "therapist";
        double p = rnd.nextDouble();
        ShiftPattern pattern = p < 0.55 ? ShiftPattern.DAY : p < 0.85 ? ShiftPattern.NIGHT : ShiftPattern.ROTATING;
        // most people fail about 3 % of attempts; 4 % of people ("goats") fail 15 %
        double frr = rnd.nextDouble() < 0.04 ? 0.15 : 0.01 + rnd.nextDouble() * 0.04;
        List<Device> wardDevices = new ArrayList<>(devicesByWard.get(home));
        java.util.Collections.shuffle(wardDevices, rnd);
        List<Device> usual = wardDevices.subList(0, 3 + rnd.nextInt(4));
        List<Device> secondaryDevices = new ArrayList<>(devicesByWard.get(secondary));
        java.util.Collections.shuffle(secondaryDevices, rnd);
        double m = rnd.nextDouble();
        String modality = m < 0.6 ? "face" : m < 0.9 ? "fingerprint" : "face+fingerprint";
        return new Staff(idFrom(rnd), home, secondary, role, pattern, frr, List.copyOf(usual),
                List.copyOf(secondaryDevices.subList(0, 2)), 1.0 + rnd.nextDouble() * 0.6, modality);
    }

    /** Ids from the seeded generator, so a run is reproducible from its seed. */
    private static UUID idFrom(Random rnd) {
        return new UUID(rnd.nextLong(), rnd.nextLong());
    }

    Device randomDevice(Random rnd) {
        return devices.get(rnd.nextInt(devices.size()));
    }

    Device randomDeviceOutside(String ward, Random rnd) {
        Device d;
        do {
            d = randomDevice(rnd);
        } while (d.ward().equals(ward));
        return d;
    }
}
