package org.careid.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * A REST Assured filter that reads every 4xx/5xx body the tests receive and remembers those that
 * carry server internals: Java class or package names, stack frames, SQL, file-system paths.
 * {@link NoInternalsInErrors} installs it before each test and fails the test on what it found.
 */
public final class ErrorBodyScanner implements Filter {

    /** What no error body may contain (case-insensitive where it says so). */
    static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("\\bjava\\.[a-z]"),
            Pattern.compile("\\bjavax?\\.[a-z]+\\."),
            Pattern.compile("\\bjakarta\\.[a-z]+\\."),
            Pattern.compile("\\borg\\.(hibernate|jboss|h2|postgresql|careid|opencv|flywaydb|eclipse)\\b"),
            Pattern.compile("\\b(io\\.(quarkus|vertx|netty|smallrye)|com\\.(fasterxml|drew|machinezoo))\\b"),
            Pattern.compile("Exception\\b"),
            Pattern.compile("\\bat [a-z][\\w$]*\\.[\\w$.]+\\("),
            Pattern.compile("Caused by"),
            Pattern.compile("\\.java:\\d*"),
            Pattern.compile("(?i)\\b(sqlstate|select\\s+\\S.*\\s+from\\s|insert\\s+into|delete\\s+from|update\\s+\\w+\\s+set|"
                    + "constraint\\s+\\[?\"?\\w+|primary\\s+key|unique\\s+index)"),
            Pattern.compile("(^|[\\s\"'=:])/(home|work|tmp|var|opt|usr|etc|root|proc)/"),
            Pattern.compile("[A-Za-z]:\\\\\\\\?(Users|Windows)"));

    private static final ErrorBodyScanner INSTANCE = new ErrorBodyScanner();
    private static final List<String> LEAKS = new ArrayList<>();

    private ErrorBodyScanner() {
    }

    /** Installs the scanner as a global REST Assured filter (once). */
    public static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    /** The leaking answers since the last call ("METHOD path -> status: what matched in body"). */
    public static synchronized List<String> takeLeaks() {
        List<String> taken = List.copyOf(LEAKS);
        LEAKS.clear();
        return taken;
    }

    /** What in this body looks like a server internal, or null when nothing does. */
    public static String internalIn(String body) {
        if (body == null) {
            return null;
        }
        for (Pattern p : INTERNALS) {
            Matcher m = p.matcher(body);
            if (m.find()) {
                int from = Math.max(0, m.start() - 60);
                int to = Math.min(body.length(), m.end() + 60);
                return "'" + m.group() + "' in ..." + body.substring(from, to) + "...";
            }
        }
        return null;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        Response answer = ctx.next(request, response);
        if (answer.statusCode() >= 400) {
            String found = internalIn(answer.asString());
            if (found != null) {
                synchronized (ErrorBodyScanner.class) {
                    LEAKS.add(request.getMethod() + " " + request.getURI() + " -> " + answer.statusCode() + ": " + found);
                }
            }
        }
        return answer;
    }
}
