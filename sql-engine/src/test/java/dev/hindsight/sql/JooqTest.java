package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real client library over the embedded driver: jOOQ reads the schema from {@code DatabaseMetaData}, renders
 * queries in its default and PostgreSQL dialects with its default settings (bind values, LIMIT as a parameter), and
 * asks for the seq of an INSERT it renders.
 */
class JooqTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:4", "b:3");

    @BeforeAll
    static void quiet() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    @Test
    void metaListsTheLogsTables() {
        DSLContext db = DSL.using(sql.connection, SQLDialect.DEFAULT);

        List<String> names = db.meta().getTables().stream().map(Table::getName).toList();

        assertThat(names).contains("events", "streams");
    }

    @Test
    void metaReadsTheEventsTablesColumnsAndKey() {
        DSLContext db = DSL.using(sql.connection, SQLDialect.DEFAULT);

        Table<?> events = db.meta().getSchemas("public").get(0).getTable("events");

        assertThat(events).isNotNull();
        assertThat(events.fields()).extracting(f -> f.getName()).contains("seq", "stream_id", "ts", "data");
        assertThat(events.getPrimaryKey()).isNotNull();
        assertThat(events.getPrimaryKey().getFields()).extracting(f -> f.getName()).containsExactly("seq");
    }

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = {"DEFAULT", "POSTGRES"})
    void aSelectWithLimitRunsInTheDialect(SQLDialect dialect) {
        DSLContext db = DSL.using(sql.connection, dialect);

        Result<Record> rows = db.selectFrom(table("events")).orderBy(field("seq")).limit(5).fetch();

        assertThat(rows).hasSize(5);
        assertThat(rows.getValues("stream_id", String.class)).containsExactly("a", "a", "a", "a", "b");
    }

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = {"DEFAULT", "POSTGRES"})
    void anInsertReturningResultGivesTheSeq(SQLDialect dialect) throws SQLException {
        DSLContext db = DSL.using(sql.connection, dialect);

        Result<Record1<Long>> seq = db
            .insertInto(table("events"), field("stream_id", String.class), field("entity_type", String.class),
                field("name", String.class), field("data", String.class), field("expected_version", Integer.class))
            .values("c", "t", "x.y", "{}", 0)
            .returningResult(field("seq", Long.class))
            .fetch();

        assertThat(seq.getValues(0, Long.class)).containsExactly(8L);
        assertThat(sql.rows("SELECT stream_id, version FROM events WHERE seq = 8")).containsExactly("c, 1");
    }

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = {"DEFAULT", "POSTGRES"})
    void anInsertReturningResultOfOtherColumnsGivesThoseColumns(SQLDialect dialect) {
        DSLContext db = DSL.using(sql.connection, dialect);

        // the DEFAULT dialect asks for keys and writes RETURNING: it got seq, version, event_id by position (seq 8
        // for the version, "8" for the event id)
        Record2<Long, String> appended = db
            .insertInto(table("events"), field("stream_id", String.class), field("entity_type", String.class),
                field("name", String.class), field("data", String.class))
            .values("a", "thing", "x.y", "{}")
            .returningResult(field("version", Long.class), field("event_id", String.class))
            .fetchOne();

        assertThat(appended.value1()).isEqualTo(5L);
        assertThat(appended.value2()).hasSize(36);
    }
}
