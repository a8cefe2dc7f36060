package dev.hindsight.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A statement that changes the server's session is told by its first word, after blanks and comments. */
class SessionChangesTest {

    @Test
    void setAndResetInAnyCaseAfterBlanksAndCommentsChangeTheSession() {
        assertThat(SessionChanges.changesSession("SET as_of = 'seq:5'")).isTrue();
        assertThat(SessionChanges.changesSession("reset as_of")).isTrue();
        assertThat(SessionChanges.changesSession("\n\t -- the past\n  /* of */ Set statement_timeout = 5")).isTrue();
        assertThat(SessionChanges.changesSession("SET\nas_of = 'seq:1'")).isTrue();
        assertThat(SessionChanges.changesSession("ALTER SESSION SET as_of = 'seq:1'")).isTrue();
        // comments the server's parser ends at a carriage return, and its // comments (review: reconnected silently)
        assertThat(SessionChanges.changesSession("-- c\rSET as_of = 'seq:1'")).isTrue();
        assertThat(SessionChanges.changesSession("// x\nSET as_of = 'seq:1'")).isTrue();
        assertThat(SessionChanges.changesSession("alter /* the */ session\n set statement_timeout = 5")).isTrue();
    }

    @Test
    void otherStatementsAndTheWordElsewhereDoNot() {
        assertThat(SessionChanges.changesSession("SELECT 'SET' FROM (VALUES (1))")).isFalse();
        assertThat(SessionChanges.changesSession("SETTINGS")).isFalse();
        assertThat(SessionChanges.changesSession("INSERT INTO events (stream_id) VALUES ('SET')")).isFalse();
        assertThat(SessionChanges.changesSession("-- SET as_of = 'seq:1'\nSELECT 1")).isFalse();
        assertThat(SessionChanges.changesSession("/* SET as_of = 'seq:1'")).isFalse();
        assertThat(SessionChanges.changesSession("")).isFalse();
        assertThat(SessionChanges.changesSession("ALTER SYSTEM SET x = 1")).isFalse();
        assertThat(SessionChanges.changesSession("ALTER")).isFalse();
    }
}
