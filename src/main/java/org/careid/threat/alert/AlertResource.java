package org.careid.threat.alert;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.careid.identity.Roles;
import org.careid.threat.Severity;
import org.careid.threat.SubjectType;
import org.careid.threat.response.ResponseService;
import org.careid.web.ApiException;
import org.careid.web.Paging;

/**
 * Alert API. Least privilege: AUDITORs read and acknowledge (triage is their job); resolving an
 * alert and reversing automatic responses change security state and are for ADMINs only.
 */
@Path("/api/v1/threats")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
    private final AlertService alerts;
    private final ResponseService responses;

    @Inject
    AlertResource(AlertService alerts, ResponseService responses) {
        this.alerts = alerts;
        this.responses = responses;
    }

    public record ResolveRequest(String note) {}

    @GET
    @Path("/alerts")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public AlertService.PageOf list(@QueryParam("status") AlertStatus status, @QueryParam("detector") String detector,
                                    @QueryParam("minSeverity") Severity minSeverity,
                                    @QueryParam("subjectType") SubjectType subjectType,
                                    @QueryParam("subjectId") String subjectId, @QueryParam("since") String since,
                                    @BeanParam Paging paging) {
        Paging.Window window = paging.window(50, 500);
        Instant from;
        try {
            from = since == null ? null : Instant.parse(since);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid("since", "must be an ISO-8601 instant");
        }
        return alerts.list(new AlertService.Filter(status, detector, minSeverity, subjectType, subjectId, from), window.page(), window.size());
    }

    @GET
    @Path("/alerts/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public AlertView get(@PathParam("id") UUID id) {
        return alerts.get(id);
    }

    @GET
    @Path("/alerts/{id}/responses")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public List<AlertResponseView> responsesOf(@PathParam("id") UUID id) {
        alerts.get(id);
        return responses.responsesOf(id).stream().map(AlertResponseView::of).toList();
    }

    @POST
    @Path("/alerts/{id}/acknowledge")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public AlertView acknowledge(@PathParam("id") UUID id, @Context SecurityContext security) {
        return alerts.acknowledge(id, who(security));
    }

    @POST
    @Path("/alerts/{id}/resolve")
    @RolesAllowed(Roles.ADMIN)
    public AlertView resolve(@PathParam("id") UUID id, ResolveRequest body, @Context SecurityContext security) {
        return alerts.resolve(id, who(security), body == null ? null : body.note());
    }

    @POST
    @Path("/responses/{id}/reverse")
    @RolesAllowed(Roles.ADMIN)
    public AlertResponseView reverse(@PathParam("id") UUID id, @Context SecurityContext security) {
        return AlertResponseView.of(responses.reverse(id, who(security)));
    }

    @GET
    @Path("/statistics")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public List<AlertService.DetectorStatistics> statistics() {
        return alerts.statistics();
    }

    static String who(SecurityContext security) {
        return security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName();
    }
}
