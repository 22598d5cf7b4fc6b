package org.careid.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.careid.audit.AuditEvent;
import org.careid.identity.Caller;
import org.careid.web.ApiException;

import io.quarkus.panache.common.Sort;

/**
 * The multi-factor policy: how many factors (1 or 2) each scope needs at each device type. Data,
 * editable by ADMIN; the defaults need two factors for dispensing medication, overriding an
 * infusion limit and writing patient data, and one biometric for the rest.
 *
 * <p>A rule may also mark the scope {@code faceChallenge}: there a face counts alone only after the
 * active head-turn challenge (a burst of frames, {@code POST /api/v1/auth/face/challenge}). An
 * unchallenged face still counts together with another verified factor (a fingerprint or a PIN),
 * so a device without the challenge keeps those ways in. Defaults: dispensing medication,
 * overriding an infusion and unlocking a device.
 */
@ApplicationScoped
public class AuthPolicy {
    public record RuleRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9:/*._-]{1,64}") String scope,
                              @NotBlank @Pattern(regexp = "\\*|[a-z][a-z0-9_-]{1,31}") String deviceType,
                              @Min(1) @Max(2) int requiredFactors, Boolean faceChallenge) {}

    public record RuleView(UUID id, String scope, String deviceType, int requiredFactors, boolean faceChallenge) {
        static RuleView of(AuthPolicyRule r) {
            return new RuleView(r.id, r.scope, r.deviceType, r.requiredFactors, r.faceChallenge);
        }
    }

    /**
     * The requested scopes the verified factors satisfy (request order), and whether a passed face
     * challenge would have satisfied one more.
     */
    public record Verdict(Set<String> satisfied, boolean challengeWouldSatisfy) {}

    @Inject
    Caller caller;

    /** The requested scopes that the verified factor count satisfies, in request order. */
    @Transactional
    public Set<String> satisfiedScopes(Set<String> requested, String deviceType, int verifiedFactors) {
        return decide(requested, deviceType, verifiedFactors, false).satisfied();
    }

    /**
     * @param unchallengedFace a face is among the verified factors and did not pass the challenge
     */
    @Transactional
    public Verdict decide(Set<String> requested, String deviceType, int verifiedFactors, boolean unchallengedFace) {
        List<AuthPolicyRule> rules = rulesFor(requested, deviceType);
        Set<String> satisfied = new LinkedHashSet<>();
        boolean challengeWouldSatisfy = false;
        for (String scope : requested) {
            AuthPolicyRule rule = ruleFor(scope, deviceType, rules);
            int required = rule == null ? 1 : rule.requiredFactors;
            if (required > verifiedFactors) {
                continue;
            }
            // an unchallenged face counts only beside another factor where the rule asks for the challenge
            if (rule != null && rule.faceChallenge && unchallengedFace && verifiedFactors < 2) {
                challengeWouldSatisfy = true;
                continue;
            }
            satisfied.add(scope);
        }
        return new Verdict(satisfied, challengeWouldSatisfy);
    }

    /** Every rule that could apply: one query, however many scopes an attempt asks for. */
    private static List<AuthPolicyRule> rulesFor(Set<String> scopes, String deviceType) {
        return AuthPolicyRule.list("scope in ?1 and deviceType in ?2", scopes, List.of(deviceType, AuthPolicyRule.ANY_DEVICE));
    }

    /** The rule for the scope at this device type (most specific first), or null (one factor, no challenge). */
    private static AuthPolicyRule ruleFor(String scope, String deviceType, List<AuthPolicyRule> rules) {
        AuthPolicyRule any = null;
        for (AuthPolicyRule rule : rules) {
            if (rule.scope.equals(scope)) {
                if (rule.deviceType.equals(deviceType)) {
                    return rule;
                }
                if (rule.deviceType.equals(AuthPolicyRule.ANY_DEVICE)) {
                    any = rule;
                }
            }
        }
        return any;
    }

    @Transactional
    public List<RuleView> list() {
        return AuthPolicyRule.<AuthPolicyRule>findAll(Sort.by("scope").and("deviceType")).stream().map(RuleView::of).toList();
    }

    @Transactional
    public RuleView put(RuleRequest request) {
        AuthPolicyRule rule = AuthPolicyRule.find("scope = ?1 and deviceType = ?2", request.scope(), request.deviceType()).firstResult();
        if (rule == null) {
            rule = new AuthPolicyRule();
            rule.id = UUID.randomUUID();
            rule.scope = request.scope();
            rule.deviceType = request.deviceType();
            rule.requiredFactors = request.requiredFactors();
            rule.faceChallenge = Boolean.TRUE.equals(request.faceChallenge());
            rule.persist();
        } else {
            rule.requiredFactors = request.requiredFactors();
            if (request.faceChallenge() != null) {
                rule.faceChallenge = request.faceChallenge();
            }
        }
        caller.audit(AuditEvent.of("AUTH_POLICY_SET", AuditEvent.Outcome.SUCCESS).target("AUTH_POLICY", rule.id)
                .detail("scope", rule.scope).detail("deviceType", rule.deviceType).detail("requiredFactors", rule.requiredFactors)
                .detail("faceChallenge", rule.faceChallenge));
        return RuleView.of(rule);
    }

    @Transactional
    public void delete(UUID id) {
        AuthPolicyRule rule = AuthPolicyRule.findById(id);
        if (rule == null) {
            throw ApiException.notFound("Policy rule " + id);
        }
        rule.delete();
        caller.audit(AuditEvent.of("AUTH_POLICY_DELETED", AuditEvent.Outcome.SUCCESS).target("AUTH_POLICY", id)
                .detail("scope", rule.scope).detail("deviceType", rule.deviceType));
    }
}
