package io.megapipeline.core.stage;

/**
 * Input that an engine will never accept, whatever the number of tries: not a WAV, empty, too long...
 * The message is the reason a person reads in the UI or in the HTTP answer.
 */
public class RejectedInputException extends Exception {

    /** Why the input is refused; the direct HTTP endpoints answer 400, 413 and 415 accordingly. */
    public enum Kind {
        INVALID(400),
        TOO_LARGE(413),
        UNSUPPORTED_FORMAT(415);

        public final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    private final Kind kind;

    public RejectedInputException(String reason) {
        this(Kind.INVALID, reason);
    }

    public RejectedInputException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
