package dev.hindsight.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Given connections used in turn, when a key at its limit looks for one to close, then it is the one used longest
 * ago, never one a request runs on, one idle for less than asked, or one closed or dropped by the cache.
 */
class IdleConnectionsTest {

    private final IdleConnections idle = new IdleConnections();

    @Test
    void the_connection_used_longest_ago_is_the_one_to_close_but_not_while_a_request_runs_on_it() {
        idle.used("a");
        idle.used("b");
        idle.used("c");
        idle.used("a"); // a request on a: now b was used longest ago

        assertThat(idle.longestIdle(List.of("a", "b", "c"), 0, Set.of())).contains("b");
        assertThat(idle.longestIdle(List.of("a", "b", "c"), 0, Set.of("b"))).as("b busy").contains("c");
        assertThat(idle.longestIdle(List.of("a", "c"), 0, Set.of())).as("only the key's own").contains("c");
        assertThat(idle.longestIdle(List.of("a", "b", "c"), Long.MAX_VALUE, Set.of())).as("none idle that long")
            .isEmpty();
    }

    @Test
    void a_connection_closed_or_dropped_by_the_cache_is_never_chosen() {
        idle.used("a");
        idle.used("b");
        idle.used("c");
        idle.forget("a");
        idle.retainAll(Set.of("a", "c")); // the cache dropped b

        assertThat(idle.longestIdle(List.of("a", "b", "c"), 0, Set.of())).contains("c");
        assertThat(idle.longestIdle(List.of("x"), 0, Set.of())).as("never recorded").isEmpty();
    }
}
