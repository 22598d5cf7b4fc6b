package org.careid.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.face.challenge.HeadTurn;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues head-turn challenges to devices and redeems them once. The instruction is random (left or
 * right; with {@code careid.face.challenge.two-step}, half of them a second, opposite turn), so a
 * recording made in advance has to be chosen within the deadline; the nonce is single use and bound
 * to the device it was issued to, so a captured burst cannot be replayed. Kept in the database so
 * that any replica can redeem what another issued. Enrollment challenges at the kiosk are issued to
 * the operator for one staff member, and are redeemed only by that operator for that person; a nonce
 * of one purpose never answers the other.
 */
@ApplicationScoped
public class FaceChallenges {
    /** What the device is told. */
    public record Issued(String nonce, List<String> instruction, String prompt, Instant expiresAt, long deadlineMs,
                         int minFrames, int maxFrames) {}

    static final int MIN_FRAMES = 12;
    static final int MAX_FRAMES = 45;

    private final SecureRandom random = new SecureRandom();
    private final Duration deadline;
    private final boolean twoStep;

    @Inject
    FaceChallenges(@ConfigProperty(name = "careid.face.challenge.deadline", defaultValue = "4S") Duration deadline,
                   @ConfigProperty(name = "careid.face.challenge.two-step", defaultValue = "false") boolean twoStep) {
        this.deadline = deadline;
        this.twoStep = twoStep;
    }

    /** A challenge for a device's authentication. */
    @Transactional
    public Issued issue(UUID deviceId) {
        return issue(deviceId, FaceChallenge.Purpose.AUTHENTICATION, null);
    }

    /** A challenge for enrolling this staff member's face, issued to the operator at the kiosk. */
    @Transactional
    public Issued issueForEnrollment(UUID operatorId, UUID staffId) {
        return issue(operatorId, FaceChallenge.Purpose.ENROLLMENT, staffId);
    }

    private Issued issue(UUID issuedTo, FaceChallenge.Purpose purpose, UUID staffId) {
        Instant now = Instant.now();
        FaceChallenge.delete("expiresAt < ?1", now.minus(Duration.ofHours(1)));
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        List<HeadTurn> steps = new ArrayList<>();
        steps.add(random.nextBoolean() ? HeadTurn.LEFT : HeadTurn.RIGHT);
        if (twoStep && random.nextBoolean()) {
            steps.add(steps.get(0) == HeadTurn.LEFT ? HeadTurn.RIGHT : HeadTurn.LEFT);
        }
        FaceChallenge c = new FaceChallenge();
        c.nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        c.issuedTo = issuedTo;
        c.purpose = purpose.name();
        c.staffId = staffId;
        c.instruction = String.join(",", steps.stream().map(HeadTurn::code).toList());
        c.issuedAt = now;
        c.expiresAt = now.plus(deadline);
        c.persist();
        return new Issued(c.nonce, steps.stream().map(HeadTurn::code).toList(), prompt(steps), c.expiresAt, deadline.toMillis(),
                MIN_FRAMES, MAX_FRAMES);
    }

    /**
     * Marks a device's authentication challenge used and returns its turns; empty when the nonce is
     * unknown, already used, expired, issued to another device or for enrollment.
     */
    @Transactional
    public Optional<List<HeadTurn>> redeem(String nonce, UUID deviceId) {
        return redeem(nonce, deviceId, FaceChallenge.Purpose.AUTHENTICATION, null);
    }

    /**
     * Marks an enrollment challenge used and returns its turns; empty when the nonce is unknown, already
     * used, expired, issued to another operator, for another staff member or for authentication.
     */
    @Transactional
    public Optional<List<HeadTurn>> redeemForEnrollment(String nonce, UUID operatorId, UUID staffId) {
        return redeem(nonce, operatorId, FaceChallenge.Purpose.ENROLLMENT, staffId);
    }

    private Optional<List<HeadTurn>> redeem(String nonce, UUID issuedTo, FaceChallenge.Purpose purpose, UUID staffId) {
        if (nonce == null || nonce.isBlank() || nonce.length() > 64 || issuedTo == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        int updated = staffId == null
                ? FaceChallenge.update("usedAt = ?1 where nonce = ?2 and issuedTo = ?3 and purpose = ?4 and staffId is null"
                        + " and usedAt is null and expiresAt >= ?1", now, nonce, issuedTo, purpose.name())
                : FaceChallenge.update("usedAt = ?1 where nonce = ?2 and issuedTo = ?3 and purpose = ?4 and staffId = ?5"
                        + " and usedAt is null and expiresAt >= ?1", now, nonce, issuedTo, purpose.name(), staffId);
        if (updated != 1) {
            return Optional.empty();
        }
        FaceChallenge c = FaceChallenge.findById(nonce);
        return Optional.of(Arrays.stream(c.instruction.split(",")).map(HeadTurn::of).toList());
    }

    private static String prompt(List<HeadTurn> steps) {
        StringBuilder s = new StringBuilder("Look at the camera, then turn your head to your ").append(steps.get(0).code());
        for (int i = 1; i < steps.size(); i++) {
            s.append(", then to your ").append(steps.get(i).code());
        }
        return s.append('.').toString();
    }
}
