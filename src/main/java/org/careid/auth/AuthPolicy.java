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

    /** The requested scopes that the verified factor count satisfies, in request order. */
    @Transactional
    public Set<String> satisfiedScopes(Set<String> requested, String deviceType, int verifiedFactors) {
        List<AuthPolicyRule> rules = rulesFor(requested, deviceType);
        Set<String> satisfied = new LinkedHashSet<>();
        for (String scope : requested) {
            if (requiredFactors(scope, deviceType, rules) <= verifiedFactors) {
                satisfied.add(scope);
            }
        }
        return satisfied;
    }

    /** Every rule that could apply: one query, however many scopes an attempt asks for. */
    private static List<AuthPolicyRule> rulesFor(Set<String> scopes, String deviceType) {
        return AuthPolicyRule.list("scope in ?1 and deviceType in ?2", scopes, List.of(deviceType, AuthPolicyRule.ANY_DEVICE));
    }

    /** Factors the scope needs at this device type (most specific rule; 1 without a rule). */
    private static int requiredFactors(String scope, String deviceType, List<AuthPolicyRule> rules) {
        Integer any = null;
        for (AuthPolicyRule rule : rules) {
            if (rule.scope.equals(scope)) {
                if (rule.deviceType.equals(deviceType)) {
                    return rule.requiredFactors;
                }
                if (rule.deviceType.equals(AuthPolicyRule.ANY_DEVICE)) {
                    any = rule.requiredFactors;
                }
            }
        }
        return any != null ? any : 1;
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
