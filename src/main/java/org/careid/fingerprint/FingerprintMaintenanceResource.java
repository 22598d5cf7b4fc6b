package org.careid.fingerprint;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administration of stored fingerprint templates. */
@Path("/api/v1/fingerprints")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Fingerprints")
public class FingerprintMaintenanceResource {
    @Inject
    FingerprintService fingerprints;

    /** After a SourceAFIS upgrade: rebuild outdated templates from the sealed raw impressions. */
    @POST
    @Path("reextract")
    public Map<String, Integer> reextract() {
        return fingerprints.reextractOutdated();
    }
}
