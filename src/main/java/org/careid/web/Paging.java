package org.careid.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.QueryParam;

/**
 * The {@code page} and {@code size} query parameters every list endpoint takes ({@code @BeanParam}).
 * They arrive as text so that a non-number is a 400 naming the field (not a 404 from the parameter
 * converter), and a page is refused when it lies beyond {@link #MAX_OFFSET} rows: the offset
 * {@code page x size} never overflows, and no caller makes the database skip billions of rows.
 */
public class Paging {
    /** The deepest row a page may start at; far beyond any list CareID keeps. */
    public static final int MAX_OFFSET = 1_000_000;

    @QueryParam("page")
    String page;

    @QueryParam("size")
    String size;

    public Paging() {
    }

    public Paging(String page, String size) {
        this.page = page;
        this.size = size;
    }

    /** A checked page and size. */
    public record Window(int page, int size) {
        /** The first row of the page: at most {@link #MAX_OFFSET}, never overflowing. */
        public int offset() {
            return page * size;
        }
    }

    /**
     * @param defaultSize the size when the caller names none
     * @param maxSize the largest size this endpoint serves
     * @throws ApiException 400 {@code validation} naming the fields out of range
     */
    public Window window(int defaultSize, int maxSize) {
        List<Problem.Violation> violations = new ArrayList<>();
        Integer p = number(page, "page", 0, violations);
        Integer s = number(size, "size", defaultSize, violations);
        if (p != null && p < 0) {
            violations.add(new Problem.Violation("page", "must be 0 or more"));
        }
        if (s != null && (s < 1 || s > maxSize)) {
            violations.add(new Problem.Violation("size", "must be between 1 and " + maxSize));
        }
        if (violations.isEmpty() && (long) p * s > MAX_OFFSET) {
            violations.add(new Problem.Violation("page", "starts beyond row " + MAX_OFFSET + " (page x size)"));
        }
        if (!violations.isEmpty()) {
            String detail = violations.stream().map(v -> v.field() + " " + v.message()).reduce((a, b) -> a + "; " + b).orElseThrow();
            throw new ApiException(Problem.invalid(detail, violations));
        }
        return new Window(p, s);
    }

    private static Integer number(String text, String field, int fallback, List<Problem.Violation> violations) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            violations.add(new Problem.Violation(field, "must be a whole number"));
            return null;
        }
    }
}
