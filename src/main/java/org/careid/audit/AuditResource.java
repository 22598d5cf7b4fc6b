package org.careid.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.StreamingOutput;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/api/v1/audit")
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
@Tag(name = "Audit", description = "The tamper-evident audit trail")
public class AuditResource {
    private final AuditQuery query;
    private final AuditVerifier verifier;
    private final ObjectMapper json;

    @Inject
    AuditResource(AuditQuery query, AuditVerifier verifier, ObjectMapper json) {
        this.query = query;
        this.verifier = verifier;
        this.json = json;
    }

    @GET
    public AuditQuery.PageOf<AuditEntry> find(@QueryParam("action") String action, @QueryParam("actorId") String actorId,
                                              @QueryParam("targetId") String targetId, @QueryParam("outcome") String outcome,
                                              @QueryParam("from") Instant from, @QueryParam("to") Instant to,
                                              @QueryParam("page") @DefaultValue("0") int page,
                                              @QueryParam("size") @DefaultValue("50") int size) {
        return query.find(new AuditQuery.Filter(action, actorId, targetId, outcome, from, to),
                Math.max(0, page), Math.max(1, Math.min(size, 500)));
    }

    @GET
    @Path("verify")
    public AuditVerifier.Verification verify() {
        return verifier.verify();
    }

    /** JSON Lines, one entry per line in chain order, for a SIEM. */
    @GET
    @Path("export")
    @Produces("application/jsonl")
    public StreamingOutput export(@QueryParam("action") String action, @QueryParam("actorId") String actorId,
                                  @QueryParam("targetId") String targetId, @QueryParam("outcome") String outcome,
                                  @QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        AuditQuery.Filter filter = new AuditQuery.Filter(action, actorId, targetId, outcome, from, to);
        return out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            query.forEach(filter, entry -> {
                try {
                    writer.write(json.writeValueAsString(entry));
                    writer.write('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.flush();
        };
    }
}
