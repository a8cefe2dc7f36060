package dev.hindsight.jdbc.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's protobuf translation, faster where a prepared statement's round trip spends its time, at both ends of
 * the link: the thin driver's and the server's ({@code /jdbc}). Everything it writes, Avatica reads; everything
 * Avatica writes, it reads as Avatica does (tested both ways).
 *
 * <ul>
 *   <li>Rows are written with each value once ({@link ResultWriter}) and read straight from the bytes
 *       ({@link ResultReader}).</li>
 *   <li>A prepared statement's signature (every column's metadata), which Avatica sends with every execute and
 *       sends back in every answer, is parsed once per connection and written again as the bytes kept with
 *       it ({@link SignatureCache}).</li>
 *   <li>Each of these messages is written straight into its envelope's bytes (Avatica writes a message, then copies
 *       it in).</li>
 * </ul>
 *
 * Any other message is Avatica's own. Hooked in through Avatica's {@code ProtobufTranslation}: the server's
 * {@code ProtobufHandler} takes one, and the driver's {@code RemoteProtobufService}. Thread-safe.
 */
public final class CompactTranslation extends ProtobufTranslationImpl {

    private static final String EXECUTE_REQUEST = Requests.ExecuteRequest.class.getName();
    private static final String PREPARE_RESPONSE = Responses.PrepareResponse.class.getName();
    private static final String EXECUTE_RESPONSE = Responses.ExecuteResponse.class.getName();
    private static final String FETCH_RESPONSE = Responses.FetchResponse.class.getName();
    private static final String RESULT_SET_RESPONSE = Responses.ResultSetResponse.class.getName();

    /** Each message class's name as the envelope carries it, made once per class. */
    private static final ClassValue<ByteString> NAMES = new ClassValue<>() {
        @Override
        protected ByteString computeValue(Class<?> type) {
            return ByteString.copyFromUtf8(type.getName());
        }
    };

    private final SignatureCache signatures;
    private final ResultWriter results;

    private CompactTranslation(SignatureCache signatures) {
        this.signatures = signatures;
        this.results = new ResultWriter(signatures);
    }

    /** The server's translation: signatures kept as the clients send them, since they are sent back as they came. */
    public static CompactTranslation server() {
        return new CompactTranslation(new SignatureCache(UnaryOperator.identity()));
    }

    /**
     * A driver connection's translation: each signature made once as Avatica's client would make it anew on every
     * answer ({@link NumericColumns}).
     */
    public static CompactTranslation driver() {
        return new CompactTranslation(new SignatureCache(NumericColumns::asNumbers));
    }

    @Override
    public byte[] serializeRequest(Service.Request request) throws IOException {
        if (request instanceof Service.ExecuteRequest execute) {
            return Wire.wrap(NAMES.get(Requests.ExecuteRequest.class), ExecuteRequests.write(execute, signatures));
        }
        return super.serializeRequest(request);
    }

    @Override
    public Service.Request parseRequest(byte[] bytes) throws IOException {
        Envelope envelope = Envelope.of(bytes);
        if (EXECUTE_REQUEST.equals(envelope.name())) {
            return ExecuteRequests.read(envelope.open(bytes), signatures);
        }
        return super.parseRequest(bytes);
    }

    @Override
    public byte[] serializeResponse(Service.Response response) throws IOException {
        if (response instanceof Service.ExecuteResponse execute) {
            return Wire.wrap(NAMES.get(Responses.ExecuteResponse.class), results.execute(execute));
        }
        if (response instanceof Service.FetchResponse fetch) {
            return Wire.wrap(NAMES.get(Responses.FetchResponse.class), results.fetch(fetch));
        }
        if (response instanceof Service.ResultSetResponse resultSet) {
            return Wire.wrap(NAMES.get(Responses.ResultSetResponse.class), results.resultSet(resultSet));
        }
        return super.serializeResponse(response);
    }

    @Override
    public Service.Response parseResponse(byte[] bytes) throws IOException {
        Envelope envelope = Envelope.of(bytes);
        ResultReader reader = new ResultReader(signatures, bytes, envelope.start());
        String name = envelope.name();
        if (EXECUTE_RESPONSE.equals(name)) {
            return reader.execute(envelope.open(bytes));
        }
        if (FETCH_RESPONSE.equals(name)) {
            return reader.fetch(envelope.open(bytes));
        }
        if (RESULT_SET_RESPONSE.equals(name)) {
            return reader.resultSet(envelope.open(bytes));
        }
        if (PREPARE_RESPONSE.equals(name)) {
            return reader.prepare(envelope.open(bytes));
        }
        return super.parseResponse(bytes);
    }

    /** Where in a message's bytes its envelope's name and wrapped message are. */
    private record Envelope(String name, int start, int length) {

        static Envelope of(byte[] bytes) throws IOException {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            String name = "";
            int start = 0;
            int length = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (tag) {
                    case 10 -> name = in.readStringRequireUtf8();
                    case 18 -> {
                        length = in.readRawVarint32();
                        start = in.getTotalBytesRead();
                        in.skipRawBytes(length);
                    }
                    default -> Wire.skip(in, tag);
                }
            }
            return new Envelope(name, start, length);
        }

        /** A stream over the wrapped message alone, in {@code bytes}, the bytes this envelope was read from. */
        CodedInputStream open(byte[] bytes) {
            CodedInputStream in = CodedInputStream.newInstance(bytes, start, length);
            in.enableAliasing(true); // a signature's bytes are looked up in place, copied only when kept
            return in;
        }
    }
}
