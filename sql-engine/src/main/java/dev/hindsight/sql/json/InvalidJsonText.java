package dev.hindsight.sql.json;

import com.fasterxml.jackson.core.JacksonException;

/**
 * Text a JSON function was given that is no JSON, thrown under {@code ERROR ON ERROR} (the engine's SQLState 22032);
 * the message is the reader's, without its position in a source it does not show.
 */
public final class InvalidJsonText extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidJsonText(Exception cause) {
        super(cause instanceof JacksonException j ? j.getOriginalMessage() : cause.getMessage(), cause);
    }
}
