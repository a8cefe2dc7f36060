package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The room all open transactions share: taken within its limit, given back when a transaction ends. */
class HeldCharactersTest {

    @Test
    void sharesTakeWithinTheLimitTogetherAndGiveBackWhatTheyTook() {
        HeldCharacters room = new HeldCharacters(100);
        HeldCharacters.Share one = room.share(new Object());
        HeldCharacters.Share other = room.share(new Object());

        assertThat(one.take(60)).isTrue();
        assertThat(other.take(50)).as("110 of 100").isFalse();
        assertThat(other.take(40)).isTrue();
        assertThat(room.held()).isEqualTo(100);

        one.giveAll();
        assertThat(room.held()).isEqualTo(40);
        one.giveAll();
        assertThat(room.held()).as("given back once").isEqualTo(40);
        assertThat(other.take(60)).isTrue();
    }

    /**
     * A session dropped mid-transaction without its connection closed (an embedded application's leak) gives its
     * share back when it is collected: the room shrank for good, until every transaction's INSERT failed 53200.
     */
    @Test
    void aShareOfASessionNobodyHoldsIsGivenBackWhenTheSessionIsCollected() {
        HeldCharacters room = new HeldCharacters(100);
        takeAndDrop(room);
        assertThat(room.held()).isEqualTo(70);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (room.held() != 0) {
            assertThat(System.nanoTime()).as("given back once the session is collected").isLessThan(deadline);
            System.gc(); // asks for the collection the Cleaner waits on; asked again until it has come
            Thread.onSpinWait();
        }
    }

    private static void takeAndDrop(HeldCharacters room) {
        Object session = new Object();
        assertThat(room.share(session).take(70)).isTrue();
    }
}
