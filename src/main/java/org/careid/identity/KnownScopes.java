package org.careid.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.careid.audit.AuditEvent;
import org.careid.web.ApiException;

import io.quarkus.panache.common.Sort;

/** The list of scopes staff may be granted: read by operators, extended by an ADMIN, enforced on grants. */
@ApplicationScoped
public class KnownScopes {
    public record ScopeView(String name, String description) {
        static ScopeView of(KnownScope s) {
            return new ScopeView(s.name, s.description);
        }
    }

    public record ScopeRequest(
            @NotBlank @Pattern(regexp = StaffViews.SCOPE_PATTERN, message = "is not a valid scope") String name,
            @NotBlank @Size(max = 200) String description) {}

    private final Caller caller;

    @Inject
    KnownScopes(Caller caller) {
        this.caller = caller;
    }

    @Transactional
    public List<ScopeView> list() {
        return KnownScope.<KnownScope>listAll(Sort.by("name")).stream().map(ScopeView::of).toList();
    }

    @Transactional
    public ScopeView add(ScopeRequest request) {
        if (KnownScope.findById(request.name()) != null) {
            throw ApiException.conflict("The scope " + request.name() + " is already known");
        }
        KnownScope s = new KnownScope();
        s.name = request.name();
        s.description = request.description().trim();
        s.createdAt = Instant.now();
        s.createdBy = caller.uuid();
        s.persist();
        caller.audit(AuditEvent.of("SCOPE_ADDED", AuditEvent.Outcome.SUCCESS).detail("scope", s.name));
        return ScopeView.of(s);
    }

    /** Refuses (400) a grant that names a scope not in the list, naming the unknown ones. */
    public void requireKnown(Set<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            return;
        }
        Set<String> unknown = new TreeSet<>(scopes);
        unknown.removeIf(name -> KnownScope.findById(name) != null);
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("scopes", "unknown scope" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + " (GET /api/v1/scopes lists the known scopes; an ADMIN can add one)");
        }
    }
}
