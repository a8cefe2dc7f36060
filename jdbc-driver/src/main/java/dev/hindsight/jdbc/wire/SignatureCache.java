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
 * messages, and a signature from here is written again from the message it was parsed from.
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
                protos.remove(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    /** The protobuf message of each signature held, by identity: a signature's equals compares every column. */
    private final IdentityHashMap<Meta.Signature, Common.Signature> protos = new IdentityHashMap<>();

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
        Common.Signature parsed = Common.Signature.parseFrom(bytes);
        Meta.Signature read = Meta.Signature.fromProto(parsed);
        Meta.Signature signature = shape.apply(read);
        Common.Signature proto = signature.equals(read) ? parsed : signature.toProto();
        synchronized (this) {
            Meta.Signature raced = byBytes.putIfAbsent(UnsafeByteOperations.unsafeWrap(bytes.toByteArray()), signature);
            if (raced != null) {
                return raced;
            }
            protos.put(signature, proto);
        }
        return signature;
    }

    /** {@code signature}'s protobuf message: the one kept with it if it came from this cache, or made now. */
    Common.Signature proto(Meta.Signature signature) {
        synchronized (this) {
            Common.Signature known = protos.get(signature);
            if (known != null) {
                return known;
            }
        }
        return signature.toProto();
    }
}
