package dev.hindsight.jdbc.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A statement's first word is found where Calcite's lexer finds it, past the comments it reads. */
class SqlTextTest {

    @Test
    void aLineCommentEndsAtALineFeedACarriageReturnOrBoth() {
        assertThat(SqlText.isInsert("-- x\nINSERT INTO t VALUES (1)")).isTrue();
        // read to the line feed alone, "-- x\rINSERT …" was all comment: a write taken for no statement
        assertThat(SqlText.isInsert("-- x\rINSERT INTO t VALUES (1)")).isTrue();
        assertThat(SqlText.isInsert("-- x\r\nINSERT INTO t VALUES (1)")).isTrue();
        assertThat(SqlText.afterComment("-- x\r\nINSERT", 0)).isEqualTo(6);
        assertThat(SqlText.afterComment("-- x", 0)).isEqualTo(4);
    }

    @Test
    void twoSlashesStartALineCommentAsTwoDashesDo() {
        assertThat(SqlText.isInsert("// retried\nINSERT INTO t VALUES (1)")).isTrue();
        assertThat(SqlText.firstWordIs("/* a */ // b\r ( SELECT 1)", "select")).isTrue();
    }

    @Test
    void theFirstWordIsAWholeWord() {
        assertThat(SqlText.isInsert("insert_log")).isFalse();
        assertThat(SqlText.isInsert("inserts")).isFalse();
        assertThat(SqlText.isInsert("INSERT")).isTrue();
        assertThat(SqlText.firstWordIs("  (VALUES 1)", "values")).isTrue();
    }
}
