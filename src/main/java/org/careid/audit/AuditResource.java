package org.careid.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.careid.identity.Roles;
import org.careid.web.ApiException;
import org.careid.web.Paging;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/api/v1/audit")
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
@Tag(name = "Audit", description = "The tamper-evident audit trail")
public class AuditResource {
    private final AuditQuery query;
    private final AuditVerifier verifier;
    private final AuditExport export;
    private final AuditCheckpoints checkpoints;
    private final AuditKeyRing keyRing;
    private final ObjectMapper json;

    AuditResource(AuditQuery query, AuditVerifier verifier, AuditExport export, AuditCheckpoints checkpoints,
                  AuditKeyRing keyRing, ObjectMapper json) {
        this.query = query;
        this.verifier = verifier;
        this.export = export;
        this.checkpoints = checkpoints;
        this.keyRing = keyRing;
        this.json = json;
    }

    /** Witness checkpoints to check the database against: each a checkpoint object or its JWS. */
    public record VerifyRequest(List<Object> checkpoints, String scope) {}

    @GET
    public AuditQuery.PageOf<AuditEntry> find(@QueryParam("action") String action, @QueryParam("actorId") String actorId,
                                              @QueryParam("targetId") String targetId, @QueryParam("outcome") String outcome,
                                              @QueryParam("from") Instant from, @QueryParam("to") Instant to,
                                              @BeanParam Paging paging) {
        Paging.Window window = paging.window(50, 500);
        return query.find(new AuditQuery.Filter(action, actorId, targetId, outcome, from, to), window.page(), window.size());
    }

    /** {@code scope=full} (default) walks everything; {@code scope=tail} the newest checkpoint and what follows it. */
    @GET
    @Path("verify")
    public ChainVerification.Verification verify(@QueryParam("scope") String scope) {
        return verifier.verify(scope(scope));
    }

    /** Verifies against checkpoints the caller kept (from the SIEM, an earlier export, ...). */
    @POST
    @Path("verify")
    public ChainVerification.Verification verifyWithWitnesses(VerifyRequest request) {
        List<String> jws = new ArrayList<>();
        if (request != null && request.checkpoints() != null) {
            for (int i = 0; i < request.checkpoints().size(); i++) {
                Object item = request.checkpoints().get(i);
                Object value = item instanceof Map<?, ?> m ? m.get("jws") : item;
                if (!(value instanceof String s)) {
                    throw ApiException.invalid("checkpoints[" + i + "]", "must be a checkpoint object with a jws, or a jws");
                }
                jws.add(s);
            }
        }
        return verifier.verify(scope(request == null ? null : request.scope()), jws);
    }

    @GET
    @Path("checkpoints")
    public List<Checkpoint> checkpoints(@QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
                                        @QueryParam("limit") @DefaultValue("100") int limit) {
        return checkpoints.list(Math.max(0, afterSeq), Math.max(1, Math.min(limit, 1000)));
    }

    /** The checkpoint keys as a JWKS: every key that ever signed, for as long as checkpoints must verify. */
    @GET
    @Path("checkpoints/keys")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> checkpointKeys() throws JsonProcessingException {
        List<Object> keys = new ArrayList<>();
        for (AuditKeyRing.LoadedKey key : keyRing.published()) {
            keys.add(json.readValue(key.publicJwkJson(), Map.class));
        }
        return Map.of("keys", keys);
    }

    @POST
    @Path("checkpoints/keys/rotate")
    @RolesAllowed(Roles.ADMIN)
    public Map<String, String> rotateCheckpointKey() {
        return Map.of("kid", keyRing.rotate("on demand by administrator"));
    }

    /** JSON Lines in chain order, with the checkpoints, for a SIEM or the offline verifier. */
    @GET
    @Path("export")
    @Produces("application/jsonl")
    public StreamingOutput export(@QueryParam("action") String action, @QueryParam("actorId") String actorId,
                                  @QueryParam("targetId") String targetId, @QueryParam("outcome") String outcome,
                                  @QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        AuditQuery.Filter filter = new AuditQuery.Filter(action, actorId, targetId, outcome, from, to);
        return out -> export.write(filter, out);
    }

    private static ChainVerification.Scope scope(String scope) {
        if (scope == null || scope.isBlank() || scope.equals("full")) {
            return ChainVerification.Scope.FULL;
        }
        if (scope.equals("tail")) {
            return ChainVerification.Scope.SINCE_LAST_CHECKPOINT;
        }
        throw ApiException.invalid("scope", "must be full or tail");
    }
}
