package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The room all open transactions share: taken within its limit, given back when a transaction ends. */
class HeldCharactersTest {

    @Test
    void transactionsTakeWithinTheLimitTogetherAndGiveBackWhatTheyTook() {
        HeldCharacters room = new HeldCharacters(100);

        assertThat(room.take(60)).isTrue();
        assertThat(room.take(50)).as("110 of 100").isFalse();
        assertThat(room.held()).as("nothing taken by the refused one").isEqualTo(60);
        assertThat(room.take(40)).isTrue();
        assertThat(room.held()).isEqualTo(100);

        room.give(60);
        assertThat(room.held()).isEqualTo(40);
        assertThat(room.take(60)).isTrue();
    }
}
