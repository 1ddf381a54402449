package dev.descent.expression;

/**
 * An expression that cannot be read or exceeds a limit. The message says what and where
 * ({@code unknown function 'sni' at column 7}); columns count characters from 1.
 */
public final class ParseException extends RuntimeException {
    private final String reason;
    private final int column;

    public ParseException(String reason, int column) {
        super(column > 0 ? reason + " at column " + column : reason, null, false, false);
        this.reason = reason;
        this.column = column;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** 1-based column of the offending character, or 0 when the problem is the whole text. */
    public int column() {
        return column;
    }
}
