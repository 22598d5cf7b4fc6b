package org.careid.identity;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.careid.web.Paging;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/operators")
@Tag(name = "Operators", description = "Admin, enroller and auditor accounts, and their login")
public class OperatorResource {
    @Inject
    OperatorService operators;
    @Inject
    OperatorLogin login;

    @POST
    @Path("login")
    @PermitAll
    public OperatorLogin.LoginResult login(@Valid @NotNull OperatorLogin.Credentials credentials) {
        return login.login(credentials);
    }

    /** Ends the caller's sessions: every token of this operator is refused from now on, on every replica. */
    @POST
    @Path("me/logout")
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER, Roles.AUDITOR})
    @PasswordChangeExempt
    public Response logout() {
        operators.logOutSelf();
        return Response.noContent().build();
    }

    /** Changing the password ends every session, this one included: log in again with the new password. */
    @PUT
    @Path("me/password")
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER, Roles.AUDITOR})
    @PasswordChangeExempt
    public Response changePassword(@Valid @NotNull OperatorService.PasswordChange change) {
        operators.changeOwnPassword(change);
        return Response.noContent().build();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull OperatorService.OperatorRequest request) {
        OperatorService.Created created = operators.create(request);
        return Response.status(201).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public PageOf<OperatorService.OperatorView> list(@BeanParam Paging paging) {
        Paging.Window window = paging.window(20, PageOf.MAX_SIZE);
        return operators.list(window.page(), window.size());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public OperatorService.OperatorView get(@PathParam("id") UUID id) {
        return operators.get(id);
    }

    @POST
    @Path("{id}/deactivate")
    @RolesAllowed(Roles.ADMIN)
    public OperatorService.OperatorView deactivate(@PathParam("id") UUID id) {
        return operators.setActive(id, false);
    }

    @POST
    @Path("{id}/activate")
    @RolesAllowed(Roles.ADMIN)
    public OperatorService.OperatorView activate(@PathParam("id") UUID id) {
        return operators.setActive(id, true);
    }

    @POST
    @Path("{id}/logout")
    @RolesAllowed(Roles.ADMIN)
    public OperatorService.OperatorView logoutEverywhere(@PathParam("id") UUID id) {
        return operators.logOutEverywhere(id);
    }

    @PUT
    @Path("{id}/role")
    @RolesAllowed(Roles.ADMIN)
    public OperatorService.OperatorView changeRole(@PathParam("id") UUID id, @Valid @NotNull OperatorService.RoleChange change) {
        return operators.changeRole(id, change.role());
    }

    @POST
    @Path("{id}/password-reset")
    @RolesAllowed(Roles.ADMIN)
    public OperatorService.Created resetPassword(@PathParam("id") UUID id) {
        return operators.resetPassword(id);
    }

    @POST
    @Path("{id}/unlock")
    @RolesAllowed(Roles.ADMIN)
    public OperatorService.OperatorView unlock(@PathParam("id") UUID id) {
        return operators.unlock(id);
    }
}
