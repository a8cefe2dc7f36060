package dev.hindsight.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.junit.jupiter.api.Test;

/**
 * What a remote client is told: a client's mistake with its message and SQLState; an internal error with its state
 * only, never the text that names the server's classes.
 */
class RemoteErrorsTest {

    @Test
    void an_internal_error_reaches_the_client_as_its_state_without_the_servers_class_names() {
        ErrorResponse response = RemoteErrors.toResponse(
            new RuntimeException(new IllegalStateException("dev.hindsight.sql.Something broke")));

        assertThat(response.sqlState).isEqualTo("XX000");
        assertThat(response.errorMessage).isEqualTo("internal error: the server's log has the details");
        assertThat(String.join("\n", response.exceptions)).doesNotContain("IllegalStateException", "dev.hindsight");
    }

    @Test
    void a_clients_mistake_reaches_it_with_its_message_and_state() {
        ErrorResponse response = RemoteErrors.toResponse(new SQLException("/ by zero", "22012"));

        assertThat(response.sqlState).isEqualTo("22012");
        assertThat(response.errorMessage).isEqualTo("/ by zero");
    }
}
