package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.CancelFlag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * When planning a statement must stop: once its session's {@code statement_timeout} (the shorter of it and the thin
 * driver's query timeout, {@link SqlSession#statementTimeout}) has passed since validation started, but never before
 * {@link #MIN_MILLIS}, as PostgreSQL's {@code statement_timeout} interrupts planning too. Some shapes take Calcite time
 * exponential in their depth (a column doubled in each of thirty stacked sub-queries: every level asks the levels
 * below for the column's monotonicity twice), and no limit on the text's size can tell them all apart. The floor is
 * there because a fresh JVM plans its first statements in hundreds of milliseconds (classes loaded, code not yet
 * compiled), where PostgreSQL plans in one: a short timeout must not refuse every statement of a new session, nor the
 * {@code SET} that would undo it (statements Calcite runs without validating, {@code SET}, {@code RESET} and other
 * DDL, have no deadline).
 *
 * <p>A timer raises a flag at the deadline, and the long phases look at it: Calcite's cost-based search stops
 * when the flag of its context is up ({@link #flag}, its documented {@code CancelFlag}), our validator and, through it,
 * the conversion to relational algebra check it per identifier and expression ({@link #check}), and so does each step
 * of the program ({@link #checked}). A statement whose planning ran out is refused with 57014, as its run would be.
 * Compiling the plan to bytecode is not counted: the deadline ends before it ({@link #close}). One per preparation;
 * the timer is one daemon thread for the process, started by the first statement planned under a timeout.
 */
final class PlanningDeadline implements AutoCloseable {

    /** The least time planning is given, whatever the timeout, in milliseconds. */
    static final long MIN_MILLIS = 2_000;

    /** No timeout: the flag is never raised. */
    static final PlanningDeadline NONE = new PlanningDeadline(0);

    private final AtomicBoolean passed = new AtomicBoolean();
    /** The timeout in milliseconds, for the message. */
    private final long timeout;
    private @Nullable ScheduledFuture<?> timer;
    private boolean over;

    private PlanningDeadline(long timeout) {
        this.timeout = timeout;
    }

    /** The deadline of planning under a timeout of {@code timeoutMillis} (0: none), from {@link #begin}. */
    static PlanningDeadline of(long timeoutMillis) {
        return timeoutMillis > 0 ? new PlanningDeadline(timeoutMillis) : NONE;
    }

    /** Validation starts: the deadline's time runs from now (once; not after {@link #close}). */
    void begin() {
        if (timeout > 0 && timer == null && !over) {
            timer = Timer.EXECUTOR.schedule(() -> passed.set(true), Math.max(timeout, MIN_MILLIS),
                TimeUnit.MILLISECONDS);
        }
    }

    /** The flag Calcite's planners read from their context ({@code AbstractRelOptPlanner.checkCancel}). */
    CancelFlag flag() {
        return new CancelFlag(passed);
    }

    /** Whether the deadline has passed. */
    boolean passed() {
        return passed.get();
    }

    /** Throws 57014 if the deadline has passed. */
    void check() {
        if (passed.get()) {
            throw canceled();
        }
    }

    /** The refusal of a statement whose planning ran out of time (57014). */
    RuntimeException canceled() {
        return SqlErrors.toClient(new QueryCanceledException("canceling statement due to statement timeout ("
            + timeout + " ms; planning is given at least " + MIN_MILLIS + " ms) while planning it: simplify the "
            + "statement (fewer nested sub-queries or expressions), or raise statement_timeout"));
    }

    /** {@code step}, checking the deadline before it runs. */
    Program checked(Program step) {
        return this == NONE ? step : (planner, rel, traits, materializations, lattices) -> {
            check();
            return step.run(planner, rel, traits, materializations, lattices);
        };
    }

    /** Planning is over (what follows, compiling the plan, is not counted): the timer, if any, is dropped. */
    @Override
    public void close() {
        over = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The process's one timer thread, made when first needed (a holder class: loaded on first use). */
    private static final class Timer {

        static final ScheduledThreadPoolExecutor EXECUTOR = executor();

        private static ScheduledThreadPoolExecutor executor() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "hindsight-planning-deadline");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true); // a statement planned in time leaves nothing queued
            return executor;
        }
    }
}
