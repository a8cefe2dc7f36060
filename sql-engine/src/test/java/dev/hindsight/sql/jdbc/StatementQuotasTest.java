package dev.hindsight.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.junit.jupiter.api.Test;

/**
 * Given a quota of two statements per key, when a key makes a third, then its own least recently used one is to be
 * closed (a use counts, a statement the cache dropped or the client closed does not), and another key's never.
 */
class StatementQuotasTest {

    private final Set<Integer> live = new HashSet<>();
    private final StatementQuotas quotas = new StatementQuotas(2, () -> live);

    private List<StatementHandle> made(String key, String connection, int id) {
        live.add(id);
        return quotas.made(key, new StatementHandle(connection, id, null));
    }

    private static List<Integer> ids(List<StatementHandle> handles) {
        return handles.stream().map(h -> h.id).toList();
    }

    @Test
    void a_key_over_its_quota_gives_up_its_least_recently_used_statement_and_no_other_keys() {
        assertThat(made("reader", "r", 1)).isEmpty();
        assertThat(made("writer", "w1", 2)).isEmpty();
        assertThat(made("writer", "w2", 3)).isEmpty();
        quotas.used(new StatementHandle("w1", 2, null));

        assertThat(ids(made("writer", "w1", 4))).as("3 was used last before 2").containsExactly(3);
        assertThat(ids(made("writer", "w1", 5))).containsExactly(2);
        assertThat(made("reader", "r", 6)).as("the reader's own two").isEmpty();
    }

    @Test
    void statements_closed_or_dropped_by_the_cache_count_for_nothing() {
        made("writer", "w1", 1);
        made("writer", "w2", 2);
        quotas.forget(new StatementHandle("w1", 1, null));
        assertThat(made("writer", "w1", 3)).as("1 was closed").isEmpty();

        live.remove(2); // the cache dropped it (idle)
        assertThat(made("writer", "w1", 4)).as("2 is not closed again").isEmpty();

        quotas.forgetConnection("w1");
        assertThat(made("writer", "w3", 5)).isEmpty();
        assertThat(made("writer", "w3", 6)).as("w1's closed with it").isEmpty();
        assertThat(ids(made("writer", "w3", 7))).containsExactly(5);
    }
}
