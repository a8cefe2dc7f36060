package dev.hindsight.jdbc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.testkit.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.remote.ProtobufService;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The compact translation and Avatica's read each other exactly: for random frames of every kind of value a row
 * carries (null, text, empty text, whole numbers of each width and zero, floating point, booleans, decimals,
 * characters, dates, times, timestamps, bytes, arrays), each response that carries rows written by either reads the
 * same through either, and ours is the smaller; execute requests and prepare responses likewise, each signature parsed
 * once. Seeded properties: each run's seed names it, and {@code -Dhindsight.seed=N} reruns one ({@link Seeds}).
 */
class CompactTranslationTest {

    private static final ProtobufTranslation AVATICA = new ProtobufTranslationImpl();
    private static final ProtobufTranslation COMPACT = CompactTranslation.server();

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 4)
    void every_response_with_rows_reads_back_as_avaticas_own_from_fewer_bytes(long seed) throws Exception {
        Random random = new Random(seed);
        for (int round = 0; round < 50; round++) {
            Meta.Frame frame = randomFrame(random);
            Service.RpcMetadataResponse metadata = random.nextInt(5) == 0 ? null
                : new Service.RpcMetadataResponse("host:" + round);
            Service.ResultSetResponse resultSet = new Service.ResultSetResponse(
                random.nextInt(5) == 0 ? null : "c" + round, round, random.nextBoolean(),
                random.nextBoolean() ? null : randomSignature(random), frame, random.nextInt(3) - 1, metadata);
            List<Service.Response> responses = List.of(
                new Service.ExecuteResponse(List.of(resultSet), random.nextBoolean(), metadata),
                new Service.FetchResponse(frame, random.nextBoolean(), random.nextBoolean(), metadata),
                resultSet);
            for (Service.Response response : responses) {
                byte[] theirs = AVATICA.serializeResponse(response);
                byte[] ours = COMPACT.serializeResponse(response);

                String context = "seed " + seed + ", round " + round + ", " + response.getClass().getSimpleName();
                for (byte[] bytes : List.of(theirs, ours)) {
                    Service.Response avaticas = AVATICA.parseResponse(bytes);
                    Service.Response compacts = COMPACT.parseResponse(bytes);
                    assertThat(rowsOf(compacts)).as(context).isEqualTo(rowsOf(avaticas));
                    assertThat(withoutRows(compacts)).as(context).isEqualTo(withoutRows(avaticas));
                    assertThat(signatureOf(compacts)).as(context).isEqualTo(signatureOf(avaticas));
                }
                assertThat(rowsOf(AVATICA.parseResponse(ours))).as(context)
                    .isEqualTo(rowsOf(AVATICA.parseResponse(theirs)));
                assertThat(withoutRows(AVATICA.parseResponse(ours))).as(context)
                    .isEqualTo(withoutRows(AVATICA.parseResponse(theirs)));
                assertThat(ours.length).as(context).isLessThanOrEqualTo(theirs.length);
                if (hasScalar(frame)) {
                    // an array's items are written twice by Avatica too, but not an empty array's
                    assertThat(ours.length).as(context).isLessThan(theirs.length);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 4)
    void execute_requests_read_as_avaticas_own_with_each_signature_parsed_once(long seed) throws Exception {
        Random random = new Random(seed);
        CompactTranslation compact = CompactTranslation.server();
        List<Meta.Signature> signatures = List.of(randomSignature(random), randomSignature(random),
            randomSignature(random));
        Map<String, Meta.Signature> firstParsed = new HashMap<>();
        for (int round = 0; round < 75; round++) {
            Meta.Signature signature = random.nextInt(4) == 0 ? null : signatures.get(random.nextInt(3));
            Meta.StatementHandle handle = random.nextInt(10) == 0 ? null
                : new Meta.StatementHandle("connection-" + random.nextInt(5), random.nextInt(100), signature);
            Service.ExecuteRequest request = new Service.ExecuteRequest(handle,
                random.nextInt(4) == 0 ? null : randomParameters(random), random.nextInt(3_000) - 1);
            byte[] bytes = AVATICA.serializeRequest(request);

            String context = "seed " + seed + ", round " + round;
            Service.ExecuteRequest ours = (Service.ExecuteRequest) compact.parseRequest(bytes);
            assertThat(ours).as(context).isEqualTo(AVATICA.parseRequest(bytes)).isEqualTo(request);
            assertThat(compact.serializeRequest(request)).as(context + ": written by hand as protobuf writes it")
                .isEqualTo(bytes);
            assertThat(compact.parseRequest(compact.serializeRequest(ours))).as(context).isEqualTo(request);
            assertThat(ours.maxRowCount).as(context).isEqualTo(request.maxRowCount);
            if (handle != null && signature != null) {
                assertThat(ours.statementHandle.signature).as(context)
                    .isSameAs(firstParsed.computeIfAbsent(signature.sql, sql -> ours.statementHandle.signature));
                // written back from the message it was parsed from: Avatica's client reads the same signature
                Service.ResultSetResponse answer = new Service.ResultSetResponse("c", 1, false,
                    ours.statementHandle.signature, Meta.Frame.EMPTY, -1, null);
                assertThat(((Service.ResultSetResponse) AVATICA.parseResponse(compact.serializeResponse(answer)))
                    .signature).as(context).isEqualTo(signature);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 4)
    void prepare_responses_read_as_avaticas_own(long seed) throws Exception {
        Random random = new Random(seed);
        for (int round = 0; round < 25; round++) {
            Meta.StatementHandle handle = new Meta.StatementHandle(random.nextInt(5) == 0 ? "" : "c" + round,
                random.nextInt(100), random.nextInt(4) == 0 ? null : randomSignature(random));
            Service.PrepareResponse response = new Service.PrepareResponse(handle,
                random.nextBoolean() ? null : new Service.RpcMetadataResponse("host:" + round));
            byte[] bytes = AVATICA.serializeResponse(response);

            Service.PrepareResponse theirs = (Service.PrepareResponse) AVATICA.parseResponse(bytes);
            Service.PrepareResponse ours = (Service.PrepareResponse) COMPACT.parseResponse(bytes);
            String context = "seed " + seed + ", round " + round;
            assertThat(ours.statement).as(context).isEqualTo(theirs.statement);
            assertThat(ours.statement.signature).as(context).isEqualTo(theirs.statement.signature);
            assertThat(ours.rpcMetadata).as(context).isEqualTo(theirs.rpcMetadata);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 4)
    void the_drivers_signatures_are_those_avaticas_client_makes_each_made_once(long seed) throws Exception {
        Random random = new Random(seed);
        CompactTranslation driver = CompactTranslation.driver();
        for (int round = 0; round < 25; round++) {
            Meta.StatementHandle handle = new Meta.StatementHandle("c", round, randomSignature(random));
            byte[] bytes = AVATICA.serializeResponse(new Service.PrepareResponse(handle, null));
            Service.PrepareRequest prepare = new Service.PrepareRequest("c", handle.signature.sql, -1);

            // as Avatica's client gets an answer: parsed, then its signature's numeric columns made NUMBER
            Meta.StatementHandle avaticas = through(AVATICA, bytes).apply(prepare).statement;
            Meta.StatementHandle ours = through(driver, bytes).apply(prepare).statement;

            String context = "seed " + seed + ", round " + round;
            assertThat(ours).as(context).isEqualTo(avaticas);
            assertThat(ours.signature).as(context).isEqualTo(avaticas.signature)
                .isSameAs(((Service.PrepareResponse) driver.parseResponse(bytes)).statement.signature);
            Service.ExecuteRequest execute = new Service.ExecuteRequest(ours, List.of(), 100);
            assertThat(AVATICA.parseRequest(driver.serializeRequest(execute))).as(context)
                .isEqualTo(AVATICA.parseRequest(AVATICA.serializeRequest(execute)));
        }
    }

    /** A client service that gets {@code bytes}, parsed by {@code translation}, as the answer to any request. */
    private static ProtobufService through(ProtobufTranslation translation, byte[] bytes) {
        return new ProtobufService() {
            @Override
            public Service.Response _apply(Service.Request request) {
                try {
                    return translation.parseResponse(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    @Test
    void a_malformed_execute_request_is_refused() throws Exception {
        byte[] bytes = AVATICA.serializeRequest(new Service.ExecuteRequest(
            new Meta.StatementHandle("c", 1, randomSignature(new Random(1))), List.of(), 10));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> CompactTranslation.server().parseRequest(cut)).isInstanceOf(IOException.class);
    }

    @Test
    void responses_without_rows_are_avaticas_own_bytes() throws Exception {
        Service.Response opened = new Service.OpenConnectionResponse(new Service.RpcMetadataResponse("host:1"));

        assertThat(COMPACT.serializeResponse(opened)).isEqualTo(AVATICA.serializeResponse(opened));
    }

    private static Meta.Frame randomFrame(Random random) {
        int columns = 1 + random.nextInt(6);
        List<Object> rows = new ArrayList<>();
        int count = random.nextInt(25);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(2) == 0) {
                Object[] row = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = randomValue(random, true);
                }
                rows.add(row);
            } else {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    row.add(randomValue(random, true));
                }
                rows.add(row);
            }
        }
        return Meta.Frame.create(random.nextInt(1000), random.nextBoolean(), rows);
    }

    private static Object randomValue(Random random, boolean arrays) {
        return switch (random.nextInt(arrays ? 18 : 17)) {
            case 0 -> null;
            case 1 -> "text-" + random.nextInt() + (random.nextBoolean() ? " \u00e9\u4e2d\ud83d\ude00" : "");
            case 2 -> random.nextLong();
            case 3 -> random.nextInt();
            case 4 -> random.nextDouble();
            case 5 -> random.nextBoolean();
            case 6 -> new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(6));
            case 7 -> {
                byte[] bytes = new byte[random.nextInt(8)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 8 -> "";
            case 9 -> 0L;
            case 10 -> (short) random.nextInt();
            case 11 -> (byte) random.nextInt();
            case 12 -> random.nextFloat();
            case 13 -> (char) ('a' + random.nextInt(26));
            case 14 -> new Timestamp(random.nextLong() >>> 22);
            case 15 -> new Date(random.nextLong() >>> 22);
            case 16 -> new Time(random.nextInt(86_400_000));
            default -> {
                List<Object> array = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, false));
                }
                yield array;
            }
        };
    }

    private static Meta.Signature randomSignature(Random random) {
        List<ColumnMetaData> columns = new ArrayList<>();
        Class<?>[] types = {String.class, long.class, int.class, double.class, boolean.class};
        for (int i = random.nextInt(8); i >= 0; i--) {
            columns.add(MetaImpl.columnMetaData("c" + columns.size() + "-" + random.nextInt(1000), columns.size(),
                types[random.nextInt(types.length)], random.nextBoolean()));
        }
        List<AvaticaParameter> parameters = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            parameters.add(new AvaticaParameter(random.nextBoolean(), random.nextInt(20), random.nextInt(5),
                Types.VARCHAR, "VARCHAR", String.class.getName(), "p" + i));
        }
        return Meta.Signature.create(columns, "SELECT * FROM events -- " + random.nextLong(), parameters,
            Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
    }

    private static List<TypedValue> randomParameters(Random random) {
        List<TypedValue> values = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            values.add(switch (random.nextInt(7)) {
                case 0 -> null;
                case 1 -> TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "stream-" + random.nextInt());
                case 2 -> TypedValue.ofLocal(ColumnMetaData.Rep.LONG, random.nextLong());
                case 3 -> TypedValue.ofLocal(ColumnMetaData.Rep.INTEGER, random.nextInt());
                case 4 -> TypedValue.ofLocal(ColumnMetaData.Rep.BOOLEAN, random.nextBoolean());
                case 5 -> TypedValue.ofLocal(ColumnMetaData.Rep.DOUBLE, random.nextDouble());
                default -> TypedValue.ofLocal(ColumnMetaData.Rep.OBJECT, null);
            });
        }
        return values;
    }

    private static boolean hasScalar(Meta.Frame frame) {
        for (Object row : frame.rows) {
            List<?> columns = row instanceof Object[] array ? Arrays.asList(array) : (List<?>) row;
            if (columns.stream().anyMatch(c -> !(c instanceof List<?>) || !((List<?>) c).isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private static List<Meta.Signature> signatureOf(Service.Response response) {
        List<Meta.Signature> signatures = new ArrayList<>();
        if (response instanceof Service.ExecuteResponse execute) {
            execute.results.forEach(r -> signatures.add(r.signature));
        } else if (response instanceof Service.ResultSetResponse resultSet) {
            signatures.add(resultSet.signature);
        }
        return signatures;
    }

    /** The rows of every frame in a parsed response, each value as text (bytes compared by content). */
    private static List<String> rowsOf(Service.Response response) {
        List<String> rows = new ArrayList<>();
        for (Meta.Frame frame : framesOf(response)) {
            rows.add("offset " + frame.offset + " done " + frame.done);
            for (Object row : frame.rows) {
                rows.add(text(row));
            }
        }
        return rows;
    }

    private static List<Meta.Frame> framesOf(Service.Response response) {
        List<Meta.Frame> frames = new ArrayList<>();
        if (response instanceof Service.ExecuteResponse execute) {
            execute.results.forEach(r -> frames.add(r.firstFrame));
        } else if (response instanceof Service.FetchResponse fetch) {
            frames.add(fetch.frame);
        } else if (response instanceof Service.ResultSetResponse resultSet) {
            frames.add(resultSet.firstFrame);
        }
        return frames;
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes" + Arrays.toString(bytes);
        }
        if (value instanceof Object[] array) {
            return text(Arrays.asList(array));
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(text(item)));
            return items.toString();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }

    /** The parsed response with its frames' rows left out (compared on their own, bytes by content). */
    private static String withoutRows(Service.Response response) {
        if (response instanceof Service.ExecuteResponse execute) {
            List<String> results = new ArrayList<>();
            execute.results.forEach(r -> results.add(withoutRows(r)));
            return "execute " + results + " missing " + execute.missingStatement + " "
                + address(execute.rpcMetadata);
        }
        if (response instanceof Service.FetchResponse fetch) {
            return "fetch missing " + fetch.missingStatement + "/" + fetch.missingResults + " "
                + address(fetch.rpcMetadata);
        }
        Service.ResultSetResponse r = (Service.ResultSetResponse) response;
        return "result set " + r.connectionId + " " + r.statementId + " " + r.ownStatement + " " + r.updateCount + " "
            + (r.signature == null ? "no signature" : r.signature.sql + " " + r.signature.statementType) + " "
            + address(r.rpcMetadata);
    }

    private static String address(Service.RpcMetadataResponse metadata) {
        return metadata == null ? "no metadata" : metadata.serverAddress;
    }
}
