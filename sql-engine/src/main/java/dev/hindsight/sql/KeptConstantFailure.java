package dev.hindsight.sql;

import java.util.function.Supplier;
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
            Enumerable<T> rows = failure.watched(() -> plan.enumerable(context));
            return new AbstractEnumerable<>() {
                @Override
                public Enumerator<T> enumerator() {
                    return failure.rows(rows::enumerator);
                }
            };
        };
        // no row limit of its own (-1): plan.enumerable applies the plan's
        return new CalcitePrepare.CalciteSignature<>(plan.sql, plan.parameters, plan.internalParameters, plan.rowType,
            plan.columns, plan.cursorFactory, plan.rootSchema, plan.getCollationList(), -1, bound, plan.statementType);
    }

    private <R> R watched(Supplier<R> code) {
        try {
            return code.get();
        } catch (ExceptionInInitializerError e) {
            cause = e.getCause();
            throw e;
        } catch (NoClassDefFoundError e) {
            Throwable kept = cause;
            if (kept == null) {
                // the initialiser threw an Error (out of memory, a deep stack), which the JVM does not wrap: left as
                // it is, a LinkageError, which the plan cache recovers from by preparing the shape anew
                throw e;
            }
            ExceptionInInitializerError again = new ExceptionInInitializerError(kept);
            again.addSuppressed(e);
            throw again;
        }
    }

    private <T> Enumerator<T> rows(Supplier<Enumerator<T>> make) {
        Enumerator<T> rows = watched(make);
        return new Enumerator<>() {
            @Override
            public T current() {
                return rows.current();
            }

            @Override
            public boolean moveNext() {
                return watched(rows::moveNext);
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
