package dev.hindsight.sql;

import dev.hindsight.projection.NoSuchProjectionException;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.Projections;
import dev.hindsight.sql.jdbc.SqlErrors;
import dev.hindsight.sql.parser.SqlCreateProjection;
import dev.hindsight.sql.parser.SqlDropProjection;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.rel.RelRoot;

/**
 * {@code CREATE [OR REPLACE] PROJECTION} and {@code DROP PROJECTION} (SPEC §3). A create returns once the projection
 * has caught up with the log (as PostgreSQL's {@code CREATE MATERIALIZED VIEW} returns once populated); a replace
 * once the new definition, built beside the old one while it kept answering, has been swapped in.
 */
final class ProjectionDdl {

    static final String DUPLICATE_TABLE = "42P07";
    /** PostgreSQL's invalid_name: a name no projection can have. */
    static final String INVALID_NAME = "42602";

    /** How long a CREATE waits for the initial build before it returns anyway (the build goes on). */
    private static final long BUILD_WAIT_MILLIS = 600_000;

    private ProjectionDdl() {
    }

    static void create(HindsightPrepare prepare, CalcitePrepare.Context context, SqlCreateProjection node,
                       String sql) {
        SqlSession session = SessionStatements.session(context);
        session.checkDdlAllowed();
        String name = node.name().getSimple().toLowerCase(Locale.ROOT);
        if (Projections.isLogTable(name)) {
            throw SqlErrors.of(DUPLICATE_TABLE, "cannot create projection " + name + ": a table of the log has "
                + "that name");
        }
        if (!Projections.isWellFormedName(name)) {
            throw SqlErrors.of(INVALID_NAME, "bad projection name '" + name + "': lower-case letters, digits and _ "
                + "(up to 128), starting with a letter or _");
        }
        Projections projections = session.projections();
        checkName(projections, name, node.orReplace());
        ProjectionChecks.refuseSessionUser(node.query());
        RelRoot root = prepare.convertDefinition(context, node.query());
        SqlFold fold = ProjectionCompiler.compile(name, definitionText(sql), root);
        try {
            // a plain CREATE never replaces: if a racing CREATE took the name since the check, its create is refused
            // ("exists already") and judged again below, 42P07; taken as a replace, both were told they created it
            build(session, projections, fold, node.orReplace() && projections.fold(name).isPresent());
        } catch (IllegalArgumentException raced) {
            // the name changed hands between the check and the build (a CREATE or DROP of it racing this one): judged
            // again as it is now, once: CREATE OR REPLACE replaces or creates, CREATE is 42P07 (both were 22023)
            if (!raced(raced, name)) {
                throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, raced.getMessage());
            }
            checkName(projections, name, node.orReplace());
            try {
                build(session, projections, fold, node.orReplace() && projections.fold(name).isPresent());
            } catch (IllegalArgumentException again) {
                throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, again.getMessage());
            }
        }
    }

    /** 42P07 if {@code name} is taken and this is no CREATE OR REPLACE; 42809 if it is a Java projection's. */
    private static void checkName(Projections projections, String name, boolean orReplace) {
        // a stored definition that no longer compiles holds the name too, and CREATE OR REPLACE takes its place
        if (projections.holds(name) && !orReplace) {
            throw SqlErrors.of(DUPLICATE_TABLE, "projection " + name + " exists already (" + (projections
                .definedInJava(name) ? "defined in Java, so it cannot be replaced: choose another name"
                : "CREATE OR REPLACE PROJECTION replaces it") + ")");
        }
        refuseJava(projections, name, "replace");
    }

    /** Whether {@code e} says the projection appeared or went since {@code exists} was judged. */
    private static boolean raced(IllegalArgumentException e, String name) {
        String m = String.valueOf(e.getMessage());
        return m.equals("projection " + name + " exists already") || m.equals("no projection named " + name);
    }

    /**
     * Replaces the projection of {@code fold}'s name if {@code exists}, else creates it and waits for it to catch up.
     *
     * @throws IllegalArgumentException if the name is taken, or gone, meanwhile
     */
    private static void build(SqlSession session, Projections projections, SqlFold fold, boolean exists) {
        String name = fold.name();
        try {
            if (exists) {
                projections.replace(fold, fold.definition()).get(BUILD_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                create(session, projections, fold);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryCanceledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                throw canceled(name); // its build saw a DROP or a later CREATE OR REPLACE first
            }
            // the new definition failed on an event of the log: the old one still answers
            throw refusal(e.getCause().getMessage() + "; projection " + name + " keeps its definition",
                e.getCause().getCause());
        } catch (CancellationException e) {
            // a later CREATE OR REPLACE (or a DROP) of the name, or the log's close, stopped this build before it took
            // effect: its definition is not in place, whatever the later statement's fate
            throw canceled(name);
        } catch (TimeoutException e) {
            // still building; sys.projections shows it rebuilding, the old definition answers meanwhile
        }
    }

    /**
     * Creates the projection and waits for it to catch up; its definition is stored once it met the log without
     * failing (or is still catching up), so a crash before leaves nothing of it.
     */
    private static void create(SqlSession session, Projections projections, SqlFold fold) throws InterruptedException {
        String name = fold.name();
        // the definition stored in the data directory, run again at open (ProjectionCatalog), is a restore: one that
        // fails there stays, failed, readable as of the event before, its definition kept; another stored one is a
        // definition that did not compile, which this statement replaces
        String stored = projections.storedDefinitions().get(name);
        boolean restored = stored != null && definitionText(stored).equals(fold.definition());
        String storedReason = projections.uncompiled(name).orElse(null);
        projections.create(fold, fold.definition());
        try {
            try {
                projections.await(name, session.log().headSeq(), BUILD_WAIT_MILLIS);
            } catch (NoSuchProjectionException e) {
                return; // dropped by another statement meanwhile: that DROP came after this CREATE, which stands
            }
            Throwable failure = restored ? null : projections.failure(name).orElse(null);
            if (failure != null) {
                // as PostgreSQL's CREATE MATERIALIZED VIEW, whose query fails: the error, and nothing created
                String error = ProjectionDdl.error(projections, name);
                projections.withdraw(fold, storedReason);
                throw refusal("projection " + name + " was not created: it " + error, failure);
            }
            projections.keep(fold, fold.definition());
        } catch (InterruptedException | RuntimeException e) {
            if (!restored) {
                projections.withdraw(fold, storedReason); // no-op once refused above, or if the name changed hands
            }
            throw e;
        }
    }

    private static RuntimeException canceled(String name) {
        return SqlErrors.of(SqlErrors.QUERY_CANCELED, "CREATE OR REPLACE PROJECTION " + name + " was canceled "
            + "before it took effect: a later CREATE OR REPLACE or DROP of " + name + " (or the log's close) stopped "
            + "its build");
    }

    /** A build's failure with the SQLState of its cause, if the fold gave it one ({@code 22018} …); else 22023. */
    private static RuntimeException refusal(String message, Throwable cause) {
        String state = cause == null ? null : SqlErrors.stateOf(cause);
        return SqlErrors.of(state != null ? state : SqlErrors.INVALID_PARAMETER_VALUE, message);
    }

    private static String error(Projections projections, String name) {
        return projections.statuses().stream().filter(s -> s.name().equals(name)).map(ProjectionStatus::error)
            .findFirst().orElse("failed");
    }

    static void drop(CalcitePrepare.Context context, SqlDropProjection node) {
        SqlSession session = SessionStatements.session(context);
        session.checkDdlAllowed();
        String name = node.name().getSimple().toLowerCase(Locale.ROOT);
        if (Projections.isLogTable(name)) {
            // PostgreSQL's DROP VIEW of a table: wrong_object_type, not "does not exist" (IF EXISTS does not hide it)
            throw SqlErrors.of(SqlErrors.WRONG_OBJECT_TYPE, "cannot drop " + name + ": it is a table of the log, not "
                + "a projection (events are never deleted)");
        }
        refuseJava(session.projections(), name, "drop");
        if (!session.projections().drop(name) && !node.ifExists()) {
            throw SqlErrors.of(SqlErrors.UNDEFINED_TABLE, "projection " + name + " does not exist");
        }
    }

    /**
     * 42809 if {@code name} is a projection defined in Java: registered again at every start, it would take back its
     * name from a SQL definition stored in its place (the next start kept the Java one, silently), and come back after
     * a DROP.
     */
    private static void refuseJava(Projections projections, String name, String what) {
        if (projections.definedInJava(name)) {
            throw SqlErrors.of(SqlErrors.WRONG_OBJECT_TYPE, "cannot " + what + " projection " + name + ": it is "
                + "defined in Java (registered by the application or found on the class path at every start), not "
                + "in SQL; change or remove its class instead");
        }
    }

    /** The statement as written, without a trailing semicolon: what is stored and compiled again on open. */
    private static String definitionText(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
