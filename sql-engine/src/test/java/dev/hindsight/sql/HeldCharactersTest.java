package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The room all open transactions share: taken within its limit, given back when a transaction ends. */
class HeldCharactersTest {

    @Test
    void sharesTakeWithinTheLimitTogetherAndGiveBackWhatTheyTook() {
        HeldCharacters room = new HeldCharacters(100);
        HeldCharacters.Share one = room.share();
        HeldCharacters.Share other = room.share();

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
}
