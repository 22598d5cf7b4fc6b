package org.careid.web;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.util.List;

import org.careid.support.Api;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every list endpoint takes the same page and size ({@link Paging}): out-of-range, non-numeric and
 * overflowing values are a 400 naming the field, and a page far beyond any list never reaches the
 * database as an overflowed offset.
 */
@QuarkusTest
class PagingBoundsTest {
    private static final List<String> LISTS = List.of("/api/v1/staff", "/api/v1/audit", "/api/v1/operators",
            "/api/v1/resource-servers", "/api/v1/threats/alerts", "/api/v1/threats/break-glass", "/api/v1/devices");

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "page=99999999&size=500", "page=2147483647&size=2147483647", "size=0", "size=-5",
            "size=100000", "page=abc", "size=1e3", "page=2147483648", "page=4000&size=500"})
    void outOfRangePagesAreRefusedOnEveryList(String query) {
        for (String list : LISTS) {
            Api.as(Api.admin()).get(list + "?" + query).then().log().ifValidationFails()
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(ProblemType.VALIDATION.uri()))
                    .body("violations.size()", greaterThan(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "page=0&size=1", "page=3&size=7", "page=5000&size=200"})
    void pagesWithinBoundsAreServed(String query) {
        for (String list : LISTS) {
            Api.as(Api.admin()).get(list + "?" + query).then().log().ifValidationFails().statusCode(200);
        }
    }
}
