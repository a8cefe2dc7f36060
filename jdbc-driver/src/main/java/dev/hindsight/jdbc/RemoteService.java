package dev.hindsight.jdbc;

import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.RemoteProtobufService;

/**
 * Avatica's protobuf service for one remote connection ({@link RemoteServiceFactory}), with what the connection needs
 * of it:
 * <ul>
 *   <li>a frame asked with 0 rows is asked with the connection's frame size ({@code fetch_size}, 5 000 by default).
 *       0 is JDBC's "the driver decides", which a statement keeps as set ({@code getFetchSize()} answers it) and
 *       Avatica passes on as the rows of each frame; the server would answer with frames of its own size limit;</li>
 *   <li>a count of the requests sent ({@link #requests}): while it has not moved, the server has heard nothing from
 *       the connection, e.g. that auto-commit went off ({@link RemoteConnection#setAutoCommit});</li>
 *   <li>which statement's request is in flight ({@link #inFlight}), for a cancel;</li>
 *   <li>which statements' results the server has sent to their end ({@link #finished}), for a result's close.</li>
 * </ul>
 * Thread-safe, as Avatica's.
 */
final class RemoteService extends RemoteProtobufService {

    /** No statement: Avatica's numbers start at 1 on our server, and are never negative. */
    static final int NONE = -1;

    private final RemoteHttpClient link;
    private final int frameRows;
    private final AtomicLong requests = new AtomicLong();
    /**
     * The statement whose request is in flight ({@link #inFlight}): a cancel goes to the server only then. One request
     * at a time per connection ({@link RemoteHttpClient}).
     */
    private volatile int inFlight = NONE;
    /**
     * The statement whose {@code execute(sql)} comes next and its fetch size ({@link #firstFrame}): one at a time per
     * connection, as JDBC has it; a request of another statement takes the connection's frame size.
     */
    private volatile int[] firstFrame;
    /** Statements whose last frame came marked done: the server holds no rows of their result. */
    private final Set<Integer> finished = ConcurrentHashMap.newKeySet();

    /** Over {@code client}, with frames of {@code frameRows} rows where a statement leaves it to the driver. */
    RemoteService(RemoteHttpClient client, ProtobufTranslation translation, int frameRows) {
        super(client, translation);
        this.link = client;
        this.frameRows = frameRows;
    }

    /** Requests sent so far, answered or not. */
    long requests() {
        return requests.get();
    }

    /** The connection is open: its link waits for answers as long as they take ({@link RemoteHttpClient#loggedIn}). */
    void loggedIn() throws SocketException {
        link.loggedIn();
    }

    /** A link of its own to the same server, answers waited for at most {@code readTimeoutMs} (a cancel's). */
    RemoteHttpClient anotherLink(long readTimeoutMs) {
        return link.another(readTimeoutMs);
    }

    /** The statement whose request is in flight, or {@link #NONE}. */
    int inFlight() {
        return inFlight;
    }

    /**
     * Under the link's lock, so that {@link #inFlight} names the request on the wire, not one of another thread still
     * waiting for the link (the lock is the one {@link RemoteHttpClient#send} takes again).
     */
    @Override
    public Response _apply(Request request) {
        UnpairedSurrogates.check(request); // before it is sent (protobuf would send a ? in the surrogate's place)
        requests.incrementAndGet();
        synchronized (link) {
            inFlight = statementOf(request);
            try {
                return super._apply(request);
            } finally {
                inFlight = NONE;
            }
        }
    }

    /** The statement a request runs or reads, or {@link #NONE}. */
    private static int statementOf(Request request) {
        if (request instanceof ExecuteRequest r) {
            return r.statementHandle.id;
        }
        if (request instanceof FetchRequest r) {
            return r.statementId;
        }
        if (request instanceof PrepareAndExecuteRequest r) {
            return r.statementId;
        }
        if (request instanceof ExecuteBatchRequest r) {
            return r.statementId;
        }
        return request instanceof PrepareAndExecuteBatchRequest r ? r.statementId : NONE;
    }

    /**
     * The rows of the first frame of {@code statementId}'s next {@code execute(sql)}: its fetch size ({@code 0}, the
     * connection's). Avatica's client asks for a first frame of the statement's {@code maxRows} instead, 0 or -1 when
     * there is no limit, which the server reads as its own limit, 100 000 rows.
     */
    void firstFrame(int statementId, int fetchSize) {
        firstFrame = new int[] {statementId, fetchSize};
    }

    /** Whether the server sent {@code statementId}'s result to its end in a frame fetched after the first. */
    boolean finished(int statementId) {
        return finished.contains(statementId);
    }

    /** A {@code Statement}'s execute, whose first frame is its fetch size ({@link #firstFrame}). */
    @Override
    public ExecuteResponse apply(PrepareAndExecuteRequest request) {
        finished.remove(request.statementId);
        int[] asked = firstFrame;
        int rows = asked == null || asked[0] != request.statementId || asked[1] <= 0 ? frameRows : asked[1];
        return super.apply(new PrepareAndExecuteRequest(request.connectionId, request.statementId, request.sql,
            request.maxRowCount, rows));
    }

    /** A prepared statement's execute, whose first frame is its fetch size. */
    @Override
    public ExecuteResponse apply(ExecuteRequest request) {
        finished.remove(request.statementHandle.id);
        return super.apply(request.maxRowCount != 0 ? request
            : new ExecuteRequest(request.statementHandle, request.parameterValues, frameRows));
    }

    /** The next frame of a result, of the statement's fetch size. */
    @Override
    public FetchResponse apply(FetchRequest request) {
        FetchResponse response = super.apply(request.fetchMaxRowCount != 0 ? request
            : new FetchRequest(request.connectionId, request.statementId, request.offset, frameRows));
        if (response.frame != null && response.frame.done) {
            finished.add(request.statementId);
        }
        return response;
    }

    /** As Avatica's, the statement forgotten here too. */
    @Override
    public CloseStatementResponse apply(CloseStatementRequest request) {
        finished.remove(request.statementId);
        return super.apply(request);
    }
}
