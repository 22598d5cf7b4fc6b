package org.careid.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.careid.audit.AuditEvent;
import org.careid.web.ApiException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.panache.common.Sort;

/** Registration of resource servers that may introspect tokens, each with its own P-256 key. */
@ApplicationScoped
public class ResourceServerService {
    public record Registration(@NotBlank @Size(max = 200) String name, @NotNull Map<String, Object> jwk) {}

    public record ResourceServerView(UUID id, String name, String jwkThumbprint, boolean active, Instant createdAt) {
        static ResourceServerView of(ResourceServer r) {
            return new ResourceServerView(r.id, r.name, r.jwkThumbprint, r.active, r.createdAt);
        }
    }

    @Inject
    Caller caller;
    @Inject
    ObjectMapper json;

    @Transactional
    public ResourceServerView register(Registration registration) {
        ClientKeys.RegisteredKey key;
        try {
            key = ClientKeys.register(json.writeValueAsString(registration.jwk()));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("jwk is not valid JSON");
        }
        if (ResourceServer.count("jwkThumbprint", key.thumbprint()) > 0) {
            throw ApiException.conflict("This key is already registered");
        }
        ResourceServer r = new ResourceServer();
        r.id = UUID.randomUUID();
        r.name = registration.name().trim();
        r.publicJwk = key.publicJwkJson();
        r.jwkThumbprint = key.thumbprint();
        r.active = true;
        r.createdAt = Instant.now();
        r.persist();
        caller.audit(AuditEvent.of("RESOURCE_SERVER_REGISTERED", AuditEvent.Outcome.SUCCESS).target("RESOURCE_SERVER", r.id)
                .detail("jkt", r.jwkThumbprint));
        return ResourceServerView.of(r);
    }

    @Transactional
    public ResourceServerView setActive(UUID id, boolean active) {
        ResourceServer r = ResourceServer.findById(id);
        if (r == null) {
            throw ApiException.notFound("Resource server " + id);
        }
        if (!active) {
            r.sessionEpoch++;
        }
        r.active = active;
        caller.audit(AuditEvent.of(active ? "RESOURCE_SERVER_ACTIVATED" : "RESOURCE_SERVER_DEACTIVATED",
                AuditEvent.Outcome.SUCCESS).target("RESOURCE_SERVER", r.id));
        return ResourceServerView.of(r);
    }

    @Transactional
    public PageOf<ResourceServerView> list(int page, int size) {
        return PageOf.of(ResourceServer.findAll(Sort.by("name")), page, size, ResourceServerView::of);
    }
}
