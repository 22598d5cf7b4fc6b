package org.careid.onboarding;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Bulk onboarding: an HR CSV and a ZIP of badge photos, imported in the background. */
@Path("/api/v1/staff/import")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Staff import", description = "Bulk onboarding from an HR export and badge photos")
public class StaffImportResource {
    @Inject
    StaffImportService imports;

    /**
     * Multipart: {@code csv} (required), {@code photos} (a ZIP, optional), {@code mapping} (JSON, field to
     * column name), {@code consentTextVersion} (required with a consent column). 202 with the job.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(@RestForm("csv") FileUpload csv, @RestForm("photos") FileUpload photos,
                           @RestForm("mapping") String mapping, @RestForm("consentTextVersion") String consentTextVersion) {
        StaffImportViews.JobView job = imports.submit(csv, photos, mapping, consentTextVersion);
        return Response.accepted(job).header("Location", "/api/v1/staff/import/" + job.id()).build();
    }

    /** The 20 latest imports. */
    @GET
    public List<StaffImportViews.JobView> recent() {
        return imports.recent();
    }

    @GET
    @Path("{id}")
    public StaffImportViews.JobView get(@PathParam("id") UUID id) {
        return imports.get(id);
    }

    @GET
    @Path("{id}/report")
    @Produces("text/csv")
    public Response report(@PathParam("id") UUID id) {
        return Response.ok(imports.report(id)).type("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"staff-import-" + id + "-report.csv\"").build();
    }
}
