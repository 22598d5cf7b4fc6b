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
 */
@ApplicationScoped
public class AuthPolicy {
    public record RuleRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9:/*._-]{1,64}") String scope,
                              @NotBlank @Pattern(regexp = "\\*|[a-z][a-z0-9_-]{1,31}") String deviceType,
                              @Min(1) @Max(2) int requiredFactors) {}

    public record RuleView(UUID id, String scope, String deviceType, int requiredFactors) {
        static RuleView of(AuthPolicyRule r) {
            return new RuleView(r.id, r.scope, r.deviceType, r.requiredFactors);
        }
    }

    @Inject
    Caller caller;

    /** Factors the scope needs at this device type (most specific rule; 1 without a rule). */
    public int requiredFactors(String scope, String deviceType) {
        AuthPolicyRule exact = AuthPolicyRule.find("scope = ?1 and deviceType = ?2", scope, deviceType).firstResult();
        if (exact != null) {
            return exact.requiredFactors;
        }
        AuthPolicyRule any = AuthPolicyRule.find("scope = ?1 and deviceType = ?2", scope, AuthPolicyRule.ANY_DEVICE).firstResult();
        return any != null ? any.requiredFactors : 1;
    }

    /** The requested scopes that the verified factor count satisfies, in request order. */
    @Transactional
    public Set<String> satisfiedScopes(Set<String> requested, String deviceType, int verifiedFactors) {
        Set<String> satisfied = new LinkedHashSet<>();
        for (String scope : requested) {
            if (requiredFactors(scope, deviceType) <= verifiedFactors) {
                satisfied.add(scope);
            }
        }
        return satisfied;
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
            rule.persist();
        } else {
            rule.requiredFactors = request.requiredFactors();
        }
        caller.audit(AuditEvent.of("AUTH_POLICY_SET", AuditEvent.Outcome.SUCCESS).target("AUTH_POLICY", rule.id)
                .detail("scope", rule.scope).detail("deviceType", rule.deviceType).detail("requiredFactors", rule.requiredFactors));
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
