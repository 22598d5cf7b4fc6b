package org.careid.device;

/** What kind of server call failed; the same HTTP status means different things for each. */
enum Endpoint {
    /** Authentication and provisioning: 401 means "not you", with no detail on purpose. */
    AUTHENTICATION,
    /** A protected resource presented with an access token: 401 means the token was refused. */
    RESOURCE,
    /** Other device calls (version report, introspection, revocation, metadata): 401 means the device itself was refused. */
    DEVICE
}
