package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A parser whose fractions keep their spelling: each is a {@link Spelled} decimal, which the tree holds and writes back
 * as it came ({@code 1e2}, {@code 0.0000001}, {@code -0.0}). An event's {@code data} is stored from the tree, and a
 * {@code BigDecimal} writes itself in its own form: {@code 1e2} became {@code 1E+2}, a byte longer, so the limit of an
 * event's bytes, checked on what is stored, refused over HTTP an event that SQL's {@code INSERT} took, and an export
 * did not import again through {@code import --url}; {@code 0.0000001} became {@code 1E-7} and {@code -0.0}
 * {@code 0.0}. For appends only: a SQL parameter is bound by its value.
 */
final class SpelledNumbers extends JsonParserDelegate {

    SpelledNumbers(JsonParser parser) {
        super(parser);
    }

    @Override
    public BigDecimal getDecimalValue() throws IOException {
        BigDecimal value = super.getDecimalValue();
        return currentToken() == JsonToken.VALUE_NUMBER_FLOAT ? new Spelled(value, getText()) : value;
    }

    /** A decimal that is written ({@link #toString}) as it was spelled; its value and scale are the spelling's. */
    static final class Spelled extends BigDecimal {

        private static final long serialVersionUID = 1L;

        private final String text;

        Spelled(BigDecimal value, String text) {
            super(value.unscaledValue(), value.scale());
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
