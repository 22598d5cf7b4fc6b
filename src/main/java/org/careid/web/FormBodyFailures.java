package org.careid.web;

import java.util.Optional;

/**
 * Failures of the REST layer's form and multipart parser, which runs before any resource method:
 * a body that ends before its closing boundary, or more parts than the parser keeps. Both are the
 * client's doing. The parser reports them as plain IOException / RuntimeException, so they are
 * told apart by where they were thrown (the parser's classes), never by their message.
 */
final class FormBodyFailures {
    private static final String PARSER_PACKAGE = "org.jboss.resteasy.reactive.server.core.multipart.";
    private static final String FORM_BODY_HANDLER = "org.jboss.resteasy.reactive.server.handlers.FormBodyHandler";
    private static final String FORM_DATA = PARSER_PACKAGE + "FormData";

    private FormBodyFailures() {
    }

    /** The problem for a failure thrown while the form body was parsed, or empty for anything else. */
    static Optional<Problem> problemFor(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        boolean parsing = false;
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().equals(FORM_BODY_HANDLER) || frame.getClassName().startsWith(PARSER_PACKAGE)) {
                parsing = true;
                break;
            }
        }
        if (!parsing) {
            return Optional.empty();
        }
        if (frames.length > 0 && frames[0].getClassName().equals(FORM_DATA)) {
            return Optional.of(Problem.of(ProblemType.REQUEST_TOO_LARGE, "The form has more parts than the server accepts"));
        }
        return Optional.of(Problem.of(ProblemType.MALFORMED_REQUEST,
                "The form body is incomplete or malformed (no closing boundary, or a part cut short)"));
    }
}
