package org.careid.identity;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Who is calling, from where: the one place services read the current principal, and the way
 * they audit an action as that caller.
 */
@RequestScoped
public class Caller {
    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentVertxRequest request;
    @Inject
    AuditTrail audit;

    public boolean anonymous() {
        return identity.isAnonymous();
    }

    public String id() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public UUID uuid() {
        return identity.isAnonymous() ? null : UUID.fromString(identity.getPrincipal().getName());
    }

    /** OPERATOR, DEVICE, RESOURCE_SERVER or ANONYMOUS. */
    public String type() {
        Object type = identity.getAttribute(CallerIdentityProviders.PRINCIPAL_TYPE);
        return type == null ? "ANONYMOUS" : type.toString();
    }

    public boolean isDevice() {
        return "DEVICE".equals(type());
    }

    /** True when the caller proved its key on this request (a client assertion), not with a bearer token. */
    public boolean provedKey() {
        return CallerIdentityProviders.ASSERTION.equals(identity.getAttribute(CallerIdentityProviders.CREDENTIAL));
    }

    /** True for an operator who must change a generated or reset password before anything else. */
    public boolean mustChangePassword() {
        return Boolean.TRUE.equals(identity.getAttribute(CallerIdentityProviders.PASSWORD_CHANGE_REQUIRED));
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The RFC 7638 thumbprint of the calling device's or resource server's key. */
    public String jwkThumbprint() {
        Object jkt = identity.getAttribute(CallerIdentityProviders.JWK_THUMBPRINT);
        return jkt == null ? null : jkt.toString();
    }

    public String sourceAddress() {
        try {
            return request.getCurrent().request().remoteAddress().hostAddress();
        } catch (RuntimeException noRequest) {
            return null;
        }
    }

    /** Records the event with this caller as actor and the request's source address. */
    public void audit(AuditEvent event) {
        audit.record(event.actor(type(), id()).source(sourceAddress()));
    }

    /** As {@link #audit}, without waiting for the commit (high-volume authentication events). */
    public void auditSoon(AuditEvent event) {
        audit.recordSoon(event.actor(type(), id()).source(sourceAddress()));
    }
}
