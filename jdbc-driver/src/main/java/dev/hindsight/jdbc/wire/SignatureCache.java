package dev.hindsight.jdbc.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;

/**
 * Signatures, each parsed once. Avatica's client sends a prepared statement's whole signature (every column's
 * metadata) in each {@code ExecuteRequest}, and the server sends it back in the response: parsing and writing it again
 * on every execute was a tenth of the server's time on a prepared read (JFR, docs/benchmarks.md), and as much again on
 * the client's side. The same bytes give the same {@link Meta.Signature} (Avatica never changes one), shared between
 * messages, and a signature from here is written again as bytes kept with it (a parsed message holds its texts as
 * Strings, which protobuf would encode to UTF-8 again on every write).
 *
 * <p>Bounded: the least recently used of {@value #CAPACITY} signatures is forgotten first. A key is a copy of the
 * signature's bytes, never a view into a request (which would keep the whole request in memory). Thread-safe.
 */
final class SignatureCache {

    static final int CAPACITY = 256;

    private final UnaryOperator<Meta.Signature> shape;

    private final Map<ByteString, Meta.Signature> byBytes = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, Meta.Signature> eldest) {
            if (size() > CAPACITY) {
                written.remove(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    /** The bytes of each signature held, by identity: a signature's equals compares every column. */
    private final IdentityHashMap<Meta.Signature, ByteString> written = new IdentityHashMap<>();

    /**
     * A cache whose signatures are parsed, then given to {@code shape} ({@link UnaryOperator#identity()}, or what the
     * reader would otherwise do to each signature it gets, done once here).
     */
    SignatureCache(UnaryOperator<Meta.Signature> shape) {
        this.shape = shape;
    }

    /** The signature written as {@code bytes}, shaped: the one made from the same bytes before, or made now. */
    Meta.Signature signature(ByteString bytes) throws InvalidProtocolBufferException {
        synchronized (this) {
            Meta.Signature known = byBytes.get(bytes);
            if (known != null) {
                return known;
            }
        }
        Meta.Signature read = Meta.Signature.fromProto(Common.Signature.parseFrom(bytes));
        Meta.Signature signature = shape.apply(read);
        ByteString key = UnsafeByteOperations.unsafeWrap(bytes.toByteArray());
        ByteString bytesOfSignature = signature.equals(read) ? key : signature.toProto().toByteString();
        synchronized (this) {
            Meta.Signature raced = byBytes.putIfAbsent(key, signature);
            if (raced != null) {
                return raced;
            }
            written.put(signature, bytesOfSignature);
        }
        return signature;
    }

    /** {@code signature} as bytes: those kept with it if it came from this cache, or written now. */
    ByteString bytes(Meta.Signature signature) {
        synchronized (this) {
            ByteString known = written.get(signature);
            if (known != null) {
                return known;
            }
        }
        return signature.toProto().toByteString();
    }
}
