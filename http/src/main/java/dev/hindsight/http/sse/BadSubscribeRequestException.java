package dev.hindsight.http.sse;

/** A subscribe request whose parameters cannot be honoured: answered with 400 and the message naming the value. */
final class BadSubscribeRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_ECHO = 64;

    private BadSubscribeRequestException(String message) {
        super(message, null, false, false);
    }

    static BadSubscribeRequestException of(String message) {
        return new BadSubscribeRequestException(message);
    }

    /**
     * {@code what} must be a whole number from 0 to one below {@code Long.MAX_VALUE} (a seq that has a successor);
     * names the text received, cut short if long.
     */
    static BadSubscribeRequestException notACount(String what, String text) {
        String shown = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
        return new BadSubscribeRequestException(what + " must be a whole number from 0 to " + (Long.MAX_VALUE - 1)
            + ", was '" + shown + "'");
    }
}
