package org.careid.onboarding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.careid.web.ApiException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which CSV column holds which field: the {@code mapping} form field, a JSON object from field to
 * header name, e.g. {@code {"employeeId":"Personnel no.","displayName":"Full name"}}. A field not
 * mapped is looked up under its own name (case-insensitive). {@code employeeId}, {@code displayName},
 * {@code clinicalRole} and {@code ward} are required; {@code scopes} and {@code consent} are optional
 * (without a consent column no photo is enrolled).
 */
record ColumnMapping(Map<String, Integer> columns) {
    static final List<String> FIELDS = List.of("employeeId", "displayName", "clinicalRole", "ward", "scopes", "consent");
    static final Set<String> REQUIRED = Set.of("employeeId", "displayName", "clinicalRole", "ward");
    private static final ObjectMapper JSON = new ObjectMapper();

    static ColumnMapping of(String mappingJson, List<String> header) {
        Map<String, String> requested = parse(mappingJson);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String name = requested.getOrDefault(field, field);
            int index = indexOf(header, name);
            if (index < 0 && requested.containsKey(field)) {
                throw ApiException.invalid("mapping", field + " is mapped to \"" + name + "\", which is not a column of the CSV (columns: "
                        + String.join(", ", header) + ")");
            }
            if (index < 0 && REQUIRED.contains(field)) {
                throw ApiException.invalid("mapping", "no column for " + field + " (map it to one of: " + String.join(", ", header) + ")");
            }
            if (index >= 0) {
                columns.put(field, index);
            }
        }
        return new ColumnMapping(columns);
    }

    boolean has(String field) {
        return columns.containsKey(field);
    }

    /** The field's value in this row (stripped), "" when the row is too short. */
    String value(CsvTable.Row row, String field) {
        Integer index = columns.get(field);
        if (index == null || index >= row.fields().size()) {
            return "";
        }
        return row.fields().get(index).strip();
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, String> map;
        try {
            map = JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (Exception e) {
            throw ApiException.invalid("mapping", "must be a JSON object from field name to CSV column name");
        }
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!FIELDS.contains(e.getKey())) {
                throw ApiException.invalid("mapping", "unknown field " + e.getKey() + " (fields: " + String.join(", ", FIELDS) + ")");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw ApiException.invalid("mapping", e.getKey() + " is mapped to an empty column name");
            }
        }
        return map;
    }
}
