package dev.hindsight.sql;

import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A query's plan that keeps the failure of a constant that could not be computed, and raises it again on every later
 * run. Calcite's generated code computes an expression of constants ({@code 1 / 0} in a {@code CASE} branch) once, in
 * a static field, when its class initialises; the JVM refuses a class whose initialiser threw for good, with a
 * {@code NoClassDefFoundError} that no longer carries the cause. So a prepared statement's second run was {@code XX000}
 * "Could not initialize class Baz$1$1" where its first was {@code 22012}. Preparing it anew would compute the same
 * constant and fail the same way, so the first run's failure, an exception, is every run's (an Error, which the JVM
 * does not wrap, is not kept: a statement prepared anew may not fail; a prepared statement then stays {@code XX000}):
 *
 * <pre>
 *   run 1   ExceptionInInitializerError(ArithmeticException: / by zero)  -&gt; 22012 division by zero   (kept)
 *   run 2+  NoClassDefFoundError: Could not initialize class Baz$1$1      -&gt; a new ExceptionInInitializerError
 *                                                                           of the kept cause: 22012 again
 * </pre>
 *
 * <p>The generated classes initialise when the plan is bound, when its rows' enumerator is made, or, for a class first
 * used by a later row (a correlated input's), while rows are read: all three are watched. The {@link PlanCache}, which
 * shares one plan among ad-hoc texts, prepares a shape anew once its class failed.
 */
final class KeptConstantFailure {

    /** What the first failed initialisation threw, once one did. */
    private volatile @Nullable Throwable cause;

    private KeptConstantFailure() {
    }

    /** {@code plan} as it is, but with a failed constant's failure kept and raised again on every later run. */
    static <T> CalcitePrepare.CalciteSignature<T> kept(CalcitePrepare.CalciteSignature<T> plan) {
        KeptConstantFailure failure = new KeptConstantFailure();
        Bindable<T> bound = context -> {
            Enumerable<T> rows;
            try {
                rows = plan.enumerable(context);
            } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
                throw failure.failed(e);
            }
            return new AbstractEnumerable<>() {
                @Override
                public Enumerator<T> enumerator() {
                    try {
                        return failure.rows(rows.enumerator());
                    } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
                        throw failure.failed(e);
                    }
                }
            };
        };
        // no row limit of its own (-1): plan.enumerable applies the plan's
        return new CalcitePrepare.CalciteSignature<>(plan.sql, plan.parameters, plan.internalParameters, plan.rowType,
            plan.columns, plan.cursorFactory, plan.rootSchema, plan.getCollationList(), -1, bound, plan.statementType);
    }

    /** What to throw for {@code e}, a class of the plan failing to initialise: the first failure kept, then again. */
    private LinkageError failed(LinkageError e) {
        if (e instanceof ExceptionInInitializerError first) {
            cause = first.getCause();
            return first;
        }
        Throwable kept = cause;
        if (kept == null) {
            // the initialiser threw an Error (out of memory, a deep stack), which the JVM does not wrap: left as it
            // is, a LinkageError, which the plan cache recovers from by preparing the shape anew
            return e;
        }
        ExceptionInInitializerError again = new ExceptionInInitializerError(kept);
        again.addSuppressed(e);
        return again;
    }

    /** {@code rows}, watched as they are read: a class first used by a later row initialises then. */
    private <T> Enumerator<T> rows(Enumerator<T> rows) {
        return new Enumerator<>() {
            @Override
            public T current() {
                return rows.current();
            }

            @Override
            public boolean moveNext() {
                try { // not through a lambda: this runs once per row
                    return rows.moveNext();
                } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
                    throw failed(e);
                }
            }

            @Override
            public void reset() {
                rows.reset();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }
}
