package dev.hindsight.projection;

/**
 * A projection whose stored definition no longer compiles ({@link Projections#uncompiled(String, String)}) was asked
 * to run: read, awaited or rebuilt. Its status says the same; {@code CREATE OR REPLACE} or {@code DROP} settles it.
 */
public final class UncompiledProjectionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    UncompiledProjectionException(String message) {
        super(message);
    }
}
