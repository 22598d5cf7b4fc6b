package org.careid.device;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/** An RFC 9457 problem body as CareID sends it for every 4xx and 5xx answer. */
public record Problem(String type, String title, int status, String detail, Map<String, Object> members) {

    /** Reads a problem body; an empty result when the body is not a JSON object. */
    public static Optional<Problem> parse(String body, int httpStatus) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(body);
            Object status = json.get("status");
            return Optional.of(new Problem(
                    stringOrNull(json.get("type")),
                    stringOrNull(json.get("title")),
                    status instanceof Number n ? n.intValue() : httpStatus,
                    stringOrNull(json.get("detail")),
                    Map.copyOf(withoutNulls(json))));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The {@link Failure} this problem's CareID type stands for; empty for other types. */
    public Optional<Failure> failure() {
        return ProblemTypes.failureOf(type);
    }

    /** True when the body carries this member set to true, e.g. {@code second_factor_required}. */
    public boolean flag(String member) {
        return Boolean.TRUE.equals(members.get(member));
    }

    /**
     * The stable reason a device can act on, e.g. {@code NO_FACE}, {@code MULTIPLE_FACES}, {@code TOO_DARK}
     * ({@code capture-rejected}) or {@code MASKED} ({@code second-factor-required}); empty when none is given.
     */
    public Optional<String> reason() {
        Object reason = members.get("reason");
        return reason == null ? Optional.empty() : Optional.of(reason.toString());
    }

    /** "title: detail", or whichever of them is present. */
    public String describe() {
        if (title != null && detail != null && !detail.isBlank()) {
            return title + ": " + detail;
        }
        return title != null ? title : nullToEmpty(detail);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> json) {
        Map<String, Object> copy = new java.util.HashMap<>(json);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
