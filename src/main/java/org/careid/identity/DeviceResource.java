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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.careid.web.Paging;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/devices")
@Tag(name = "Devices", description = "Bedside devices, their keys and software-version policy")
public class DeviceResource {
    @Inject
    DeviceService devices;
    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull DeviceViews.DeviceRequest request) {
        DeviceViews.DeviceView created = devices.create(request);
        return Response.status(201).entity(created).header("Location", "/api/v1/devices/" + created.id()).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public PageOf<DeviceViews.DeviceView> search(@QueryParam("q") String q, @QueryParam("ward") String ward,
                                                 @QueryParam("status") Device.Status status,
                                                 @BeanParam Paging paging) {
        Paging.Window window = paging.window(20, PageOf.MAX_SIZE);
        return devices.search(q, ward, status, window.page(), window.size());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public DeviceViews.DeviceView get(@PathParam("id") UUID id) {
        return devices.get(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public DeviceViews.DeviceView update(@PathParam("id") UUID id, @Valid @NotNull DeviceViews.DeviceUpdate update) {
        return devices.update(id, update);
    }

    @POST
    @Path("{id}/suspend")
    @RolesAllowed(Roles.ADMIN)
    public DeviceViews.DeviceView suspend(@PathParam("id") UUID id) {
        return devices.setStatus(id, Device.Status.SUSPENDED);
    }

    @POST
    @Path("{id}/activate")
    @RolesAllowed(Roles.ADMIN)
    public DeviceViews.DeviceView activate(@PathParam("id") UUID id) {
        return devices.setStatus(id, Device.Status.ACTIVE);
    }

    @POST
    @Path("{id}/retire")
    @RolesAllowed(Roles.ADMIN)
    public DeviceViews.DeviceView retire(@PathParam("id") UUID id) {
        return devices.setStatus(id, Device.Status.RETIRED);
    }

    @POST
    @Path("{id}/provisioning-code")
    @RolesAllowed(Roles.ADMIN)
    public DeviceViews.ProvisioningCode provisioningCode(@PathParam("id") UUID id) {
        return devices.issueProvisioningCode(id);
    }

    /** Redeemed by the device itself: the one-time code is its only credential here. */
    @POST
    @Path("provision")
    @PermitAll
    public DeviceViews.Provisioned provision(@Valid @NotNull DeviceViews.ProvisionRequest request) {
        return devices.provision(request);
    }

    @PUT
    @Path("self/software-version")
    @RolesAllowed(Roles.DEVICE)
    public DeviceViews.DeviceView reportVersion(@Valid @NotNull DeviceViews.SoftwareVersion version) {
        return devices.reportSoftwareVersion(caller.uuid(), version.softwareVersion());
    }

    @PUT
    @Path("policies/{deviceType}")
    @RolesAllowed(Roles.ADMIN)
    public DeviceViews.VersionPolicy setPolicy(@PathParam("deviceType") String deviceType,
                                               @Valid @NotNull DeviceViews.VersionPolicy policy) {
        return devices.setVersionPolicy(deviceType, policy.minSoftwareVersion());
    }
}
