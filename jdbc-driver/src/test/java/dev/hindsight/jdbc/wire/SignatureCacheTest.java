package dev.hindsight.jdbc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.Meta;
import org.junit.jupiter.api.Test;

class SignatureCacheTest {

    @Test
    void the_same_bytes_give_the_same_signature_until_it_is_the_least_recently_used_of_too_many() throws Exception {
        SignatureCache cache = new SignatureCache(UnaryOperator.identity());
        Meta.Signature first = cache.signature(bytes(0));
        assertThat(cache.signature(bytes(0))).isSameAs(first).isEqualTo(signature(0));
        assertThat(cache.bytes(first)).isEqualTo(bytes(0));

        for (int i = 1; i <= SignatureCache.CAPACITY; i++) {
            cache.signature(bytes(i));
        }
        Meta.Signature again = cache.signature(bytes(0));

        assertThat(again).isNotSameAs(first).isEqualTo(first);
        assertThat(cache.signature(bytes(SignatureCache.CAPACITY))).isSameAs(cache.signature(bytes(
            SignatureCache.CAPACITY)));
    }

    private static ByteString bytes(int n) {
        return signature(n).toProto().toByteString();
    }

    private static Meta.Signature signature(int n) {
        return Meta.Signature.create(List.of(), "SELECT " + n + " FROM events", List.of(), Meta.CursorFactory.ARRAY,
            Meta.StatementType.SELECT);
    }
}
