package org.careid.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** Filtered, paged reads of the audit trail for the console (the export is {@link AuditExport}). */
@ApplicationScoped
public class AuditQuery {

    public record Filter(String action, String actorId, String targetId, String outcome, Instant from, Instant to) {}

    public record PageOf<T>(List<T> items, int page, int size, long total) {}

    @Transactional
    public PageOf<AuditEntry> find(Filter filter, int page, int size) {
        PanacheQuery<AuditEntry> query = query(filter).page(Page.of(page, size));
        return new PageOf<>(query.list(), page, size, query.count());
    }

    private PanacheQuery<AuditEntry> query(Filter f) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        add(clauses, params, "action", f.action());
        add(clauses, params, "actorId", f.actorId());
        add(clauses, params, "targetId", f.targetId());
        add(clauses, params, "outcome", f.outcome());
        if (f.from() != null) {
            clauses.add("occurredAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            clauses.add("occurredAt < :to");
            params.put("to", f.to());
        }
        Sort sort = Sort.by("seq");
        return clauses.isEmpty() ? AuditEntry.findAll(sort) : AuditEntry.find(String.join(" and ", clauses), sort, params);
    }

    private static void add(List<String> clauses, Map<String, Object> params, String field, String value) {
        if (value != null && !value.isBlank()) {
            clauses.add(field + " = :" + field);
            params.put(field, value);
        }
    }
}
