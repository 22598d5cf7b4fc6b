package org.careid.onboarding;

import org.careid.web.ApiException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;

/** Why an import file is refused as a whole: 413 over a limit, 422 when it cannot be read safely. */
final class ImportFileRefused {
    private ImportFileRefused() {}

    /** 413 {@code request-too-large}, naming the limit ({@code limit}: e.g. {@code csv-rows}) and its value. */
    static ApiException tooLarge(String limit, long max, String detail) {
        return new ApiException(Problem.of(ProblemType.REQUEST_TOO_LARGE, detail).with("limit", limit).with("max", max));
    }

    /** 422 {@code import-file-refused} with a machine-readable {@code reason} and the file ({@code csv} or {@code photos}). */
    static ApiException unreadable(String file, String reason, String detail) {
        return new ApiException(Problem.of(ProblemType.IMPORT_FILE_REFUSED, detail).with("file", file).with("reason", reason));
    }
}
