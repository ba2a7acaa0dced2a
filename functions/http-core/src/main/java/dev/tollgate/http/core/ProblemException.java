package dev.tollgate.http.core;

/**
 * Ends a request with a problem+json answer. It carries no stack trace: it is an answer, not a
 * failure, and nothing about it belongs in a log.
 */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "INVALID_REQUEST", "The request is not valid", detail));
    }

    public Problem problem() {
        return problem;
    }
}
