package org.careid.fingerprint;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.careid.biometric.Uploads;
import org.careid.identity.Roles;
import org.careid.web.ApiException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/staff/{id}/fingerprints")
@Tag(name = "Fingerprints", description = "Fingerprint enrollment and import")
public class FingerprintResource {
    @Inject
    FingerprintService fingerprints;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ENROLLER, Roles.ADMIN})
    public FingerprintService.EnrollmentView enroll(@PathParam("id") UUID staffId, @RestForm("finger") Integer finger,
                                                    @RestForm("dpi") Integer dpi,
                                                    @RestForm("impressions") List<FileUpload> impressions) {
        if (finger == null) {
            throw ApiException.invalid("finger", "is required (1-10)");
        }
        return fingerprints.enroll(staffId, finger, dpi == null ? 500 : dpi, Uploads.allBytes(impressions, "impressions"));
    }

    /** Migration: an ISO/IEC 19794-2 or ANSI/INCITS 378 template exported by another system. */
    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.ADMIN)
    public FingerprintService.EnrollmentView importTemplate(@PathParam("id") UUID staffId, @RestForm("finger") Integer finger,
                                                            @RestForm("template") FileUpload template) {
        if (finger == null) {
            throw ApiException.invalid("finger", "is required (1-10)");
        }
        return fingerprints.importTemplates(staffId, finger, Uploads.bytes(template, "template", FingerprintTemplateImport.MAX_TEMPLATE_BYTES));
    }

    @DELETE
    @RolesAllowed({Roles.ENROLLER, Roles.ADMIN})
    public Response delete(@PathParam("id") UUID staffId) {
        fingerprints.delete(staffId);
        return Response.noContent().build();
    }
}
