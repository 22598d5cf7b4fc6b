package org.careid.identity;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

/** One page of a list answer: the items plus what a client needs to page on. */
public record PageOf<T>(List<T> items, int page, int size, long total) {
    public static final int MAX_SIZE = 200;

    public static <E, T> PageOf<T> of(PanacheQuery<E> query, int page, int size, Function<E, T> view) {
        int safeSize = Math.max(1, Math.min(size, MAX_SIZE));
        int safePage = Math.max(0, page);
        List<T> items = query.page(Page.of(safePage, safeSize)).list().stream().map(view).toList();
        return new PageOf<>(items, safePage, safeSize, query.count());
    }
}
