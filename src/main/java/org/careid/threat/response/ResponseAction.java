package org.careid.threat.response;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Automatic responses, configured per detector as {@code careid.threat.response.<detector>}. */
public enum ResponseAction {
    SUSPEND_DEVICE, STEP_UP, REVOKE_TOKENS;

    /** Parses "none", "suspend-device", "step-up", "revoke-tokens" or a comma-separated list. */
    public static Set<ResponseAction> parse(String value) {
        Set<ResponseAction> out = EnumSet.noneOf(ResponseAction.class);
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty() || p.equals("none")) {
                continue;
            }
            out.add(ResponseAction.valueOf(p.replace('-', '_').toUpperCase(Locale.ROOT)));
        }
        return out;
    }
}
