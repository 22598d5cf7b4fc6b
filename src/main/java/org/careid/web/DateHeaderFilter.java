package org.careid.web;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every answer carries a {@code Date} header: device clients compare it with their clock to tell a
 * clock-skew problem (their assertions and proofs would be refused) from other failures.
 */
public class DateHeaderFilter {
    @ServerResponseFilter
    public void addDate(ContainerResponseContext response) {
        if (!response.getHeaders().containsKey("Date")) {
            response.getHeaders().putSingle("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        }
    }
}
