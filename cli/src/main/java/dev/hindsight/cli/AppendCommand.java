package dev.hindsight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.log.AppendResult;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hindsight append STREAM NAME --data JSON [--type T] [--metadata JSON] [--expected-version N]
 * [--schema-version N] [--data-dir DIR | --url URL]}: appends one event (source {@code api}, or {@code http} through
 * a server) and prints
 * {@code seq=<seq> version=<version>}. A failed guard exits 3 with {@code version conflict ...} on stderr; invalid
 * input exits 2 and writes nothing: {@code --data} and {@code --metadata} are checked first, the same way for a log
 * and a server ({@link JsonOption}: one JSON object, each key once).
 */
@Command(name = "append", mixinStandardHelpOptions = true,
    description = "Appends one event to a stream; prints its seq and version.")
final class AppendCommand implements Callable<Integer> {

    private final CliStreams io;

    @Parameters(index = "0", paramLabel = "STREAM", description = "The stream (entity id), e.g. order-123.")
    String streamId;

    @Parameters(index = "1", paramLabel = "NAME", description = "The event name, e.g. order.placed.")
    String name;

    @Option(names = "--data", required = true, paramLabel = "JSON", description = "The payload, a JSON object.")
    String data;

    @Option(names = "--type", paramLabel = "T",
        description = "The entity type (default: STREAM up to its first '-', e.g. order for order-123).")
    String entityType;

    @Option(names = "--metadata", paramLabel = "JSON", description = "Metadata, a JSON object (default: none).")
    String metadata;

    @Option(names = "--expected-version", paramLabel = "N", defaultValue = "-1",
        description = "Guard: -1 none (default), 0 the stream must be new, N the stream must be at version N.")
    long expectedVersion;

    @Option(names = "--schema-version", paramLabel = "N", defaultValue = "1",
        description = "The schema version of the event type (default 1).")
    int schemaVersion;

    @Mixin
    LogOptions logOptions;

    AppendCommand(CliStreams io) {
        this.io = io;
    }

    /**
     * Appends through the server with an {@code Idempotency-Key} of its own, sent again once with the same key if the
     * answer was lost: the server appends it once and answers the retry with the first result. Without, a lost answer
     * said "error" of an event the server had appended, and a script retrying the command appended it twice.
     */
    private JsonNode appendOnce(ServerClient server, List<byte[]> events) {
        String key = "hindsight-append-" + UUID.randomUUID();
        try {
            return server.append(streamId, events, key);
        } catch (ServerClient.AnswerLost lost) {
            try {
                return server.append(streamId, events, key);
            } catch (ServerClient.AnswerLost again) {
                throw new CommandFailure(again.exitCode(), again.getMessage() + " (twice, with one Idempotency-Key: "
                    + "the event was appended at most once, and whether it was is not known; read the stream before "
                    + "appending it again)");
            }
        }
    }

    @Override
    public Integer call() {
        ExpectedVersion expected = expectedVersion();
        String type = entityType != null ? entityType : defaultEntityType(streamId);
        if (schemaVersion < 1) { // the log's words name "event #0" of an append, which a command line has not
            throw CommandFailure.usage("--schema-version must be 1 or more, was " + schemaVersion);
        }
        JsonOption.requireObject("--data", data);
        if (metadata != null) {
            JsonOption.requireObject("--metadata", metadata);
        }
        if (logOptions.remote()) {
            JsonNode result = appendOnce(logOptions.server(), List.of(RemoteEvents.event(type,
                new NewEvent(name, data, metadata, schemaVersion), expectedVersion)));
            JsonNode last = result.get(result.size() - 1);
            io.out().println("seq=" + last.path("seq").asLong() + " version=" + last.path("version").asLong());
            io.out().flush();
            return ExitCode.OK;
        }
        try (EventLog log = logOptions.open(io.err(), true)) {
            AppendResult result = log.append(streamId, type,
                List.of(new NewEvent(name, data, metadata, schemaVersion)), expected, Source.API);
            io.out().println("seq=" + result.lastSeq() + " version=" + result.lastVersion());
            io.out().flush();
        }
        return ExitCode.OK;
    }

    private ExpectedVersion expectedVersion() {
        if (expectedVersion < -1) {
            throw CommandFailure.usage("--expected-version must be -1 (no guard), 0 (new stream) or a version "
                + ">= 1, was " + expectedVersion);
        }
        return ExpectedVersion.of(expectedVersion);
    }

    /** {@code order-123} is an {@code order}: the part before the first '-', or the whole id if there is none. */
    static String defaultEntityType(String streamId) {
        int dash = streamId.indexOf('-');
        return dash > 0 ? streamId.substring(0, dash) : streamId;
    }
}
