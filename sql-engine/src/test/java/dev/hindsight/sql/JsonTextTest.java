package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text a JSON function reads that is no JSON is an error, which the call's {@code ON ERROR} answers whatever its
 * path's mode (PostgreSQL fails on it; Calcite's lax mode took it for empty and its reader ignored text after the
 * document); a NULL path is NULL; a {@code JSON_EXISTS} whose filter or wildcard finds nothing is false, as
 * PostgreSQL's {@code jsonb_path_exists} (Calcite's took the empty list it found for a value).
 */
class JsonTextTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        JSON_VALUE('nope', '$.a' DEFAULT 'empty' ON EMPTY DEFAULT 'err' ON ERROR)    | err
        JSON_VALUE('nope', 'lax $.a' DEFAULT 'empty' ON EMPTY)                       | null
        JSON_VALUE('{"a":1} x', '$.a')                                              | null
        JSON_VALUE('{"a":1} x', '$.a' DEFAULT 'err' ON ERROR)                       | err
        JSON_QUERY('{"a":1} {"a":2}', '$' EMPTY OBJECT ON ERROR)                    | {}
        JSON_QUERY('nope', 'lax $' EMPTY ARRAY ON ERROR)                            | []
        JSON_EXISTS('nope', 'lax $.a' TRUE ON ERROR)                                | true
        JSON_EXISTS('nope', '$.a')                                                  | false
        JSON_EXISTS('nope', '$.a' UNKNOWN ON ERROR)                                 | null
        JSON_VALUE('{"a":1}', CAST(NULL AS VARCHAR) ERROR ON ERROR)                 | null
        JSON_VALUE('{"a":1}', '$.a')                                                | 1
        JSON_EXISTS('{"a":[1,2]}', 'lax $.a[?(@ > 5)]')                             | false
        JSON_EXISTS('{"a":[1,7]}', 'lax $.a[?(@ > 5)]')                             | true
        JSON_EXISTS('{"a":[]}', '$.a')                                              | true
        JSON_EXISTS('{"a":{"b":1}}', 'lax $..c')                                    | false
        """)
    void givenTextThatIsNoJson_whenAFunctionReadsIt_thenItsOnErrorAnswers(String call, String answer)
        throws SQLException {
        assertThat(sql.rows("SELECT " + call)).containsExactly(answer);
    }

    /**
     * A JSON null found is SQL NULL in strict mode (Calcite's took it for a failure: XX000 under ERROR ON ERROR, else
     * the error's default), a null document's {@code $} too; a lax path over a null document finds nothing.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        JSON_VALUE('{"n":null}', 'strict $.n' ERROR ON ERROR)                         | null
        JSON_VALUE('{"n":null}', 'strict $.n' RETURNING INTEGER ERROR ON ERROR)       | null
        JSON_VALUE('[null]', 'strict $[0]' ERROR ON ERROR)                            | null
        JSON_VALUE('{"n":null}', 'strict $.n' DEFAULT 'e' ON EMPTY DEFAULT 'x' ON ERROR) | null
        JSON_VALUE('null', '$' DEFAULT 'e' ON EMPTY)                                  | null
        JSON_VALUE('null', 'strict $' ERROR ON ERROR)                                 | null
        JSON_VALUE('null', '$.a' DEFAULT 'e' ON EMPTY)                                | e
        JSON_QUERY('{"n":null}', 'strict $.n' ERROR ON ERROR)                         | null
        JSON_QUERY('null', '$' ERROR ON ERROR)                                        | null
        JSON_EXISTS('{"n":null}', 'strict $.n' ERROR ON ERROR)                        | true
        JSON_EXISTS('{"n":null}', '$.m')                                              | false
        JSON_EXISTS('null', '$')                                                      | true
        JSON_EXISTS('null', '$.a')                                                    | false
        JSON_VALUE('null', 'strict $.a' DEFAULT 'x' ON ERROR)                         | x
        JSON_VALUE('{"n":1}', 'strict $.m' DEFAULT 'x' ON ERROR)                      | x
        """)
    void givenAJsonNullFound_whenReadInEitherMode_thenItIsNullNotAnError(String call, String answer)
        throws SQLException {
        assertThat(sql.rows("SELECT " + call)).containsExactly(answer);
    }

    @Test
    void givenANullKey_whenAnObjectIsAggregated_thenItIs22023AsPostgresSays() {
        SQLException thrown = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT JSON_OBJECTAGG(k: v) "
            + "FROM (VALUES ('a', 1), (CAST(NULL AS VARCHAR), 2)) t(k, v)"));
        assertThat((Throwable) thrown).isNotNull();
        assertThat(thrown.getSQLState()).isEqualTo("22023"); // was XX000
        assertThat(thrown.getMessage()).contains("Null key");
    }

    @Test
    void givenAPathThatDoesNotParse_whenReadUnderErrorOnError_thenItIsASyntaxError() throws SQLException {
        SQLException thrown = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT JSON_VALUE('{\"a\":1}', '$.[' ERROR ON ERROR)"));
        assertThat((Throwable) thrown).isNotNull();
        assertThat(thrown.getSQLState()).isEqualTo("42601");
        assertThat(sql.rows("SELECT JSON_VALUE('{\"a\":1}', '$.[')")).as("NULL ON ERROR").containsExactly("null");
    }

    @Test
    void givenAValueLongerThan2000Characters_whenRead_thenTheMetadataSaysTextOfAnyLength() throws SQLException {
        // Calcite typed JSON_VALUE and JSON_QUERY VARCHAR(2000) while answering longer values
        String doc = "{\"s\":\"" + "a".repeat(3000) + "\"}";
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "SELECT JSON_VALUE(?, '$.s'), JSON_QUERY(?, '$'), JSON_VALUE(?, '$.s' RETURNING VARCHAR(5))")) {
            ps.setString(1, doc);
            ps.setString(2, doc);
            ps.setString(3, "{\"s\":\"abc\"}");
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).hasSize(3000);
                assertThat(rs.getString(2)).hasSize(3008);
                assertThat(List.of(md.getPrecision(1), md.getPrecision(2), md.getPrecision(3)))
                    .containsExactly(Integer.MAX_VALUE, Integer.MAX_VALUE, 5);
            }
        }
    }

    @Test
    void givenTextThatIsNoJson_whenReadUnderErrorOnError_thenItIs22032() {
        for (String call : new String[] {"JSON_VALUE('{\"a\":1} x', 'lax $.a' ERROR ON ERROR)",
            "JSON_QUERY('nope', '$' ERROR ON ERROR)", "JSON_EXISTS('nope', 'lax $.a' ERROR ON ERROR)"}) {
            SQLException thrown = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT " + call));
            assertThat((Throwable) thrown).as(call).isNotNull();
            assertThat(thrown.getSQLState()).as(call).isEqualTo("22032");
        }
    }
}
