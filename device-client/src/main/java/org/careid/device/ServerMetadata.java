package org.careid.device;

import java.util.Map;

/** What {@code /.well-known/openid-configuration} says; the issuer is the audience of client assertions. */
public record ServerMetadata(String issuer, Map<String, Object> document) {
}
