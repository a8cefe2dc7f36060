package dev.hindsight.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dir;

    @Test
    void a_keys_file_gives_each_key_its_role_and_ignores_comments_and_blank_lines() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"),
            "# team keys\n\nk-read read\n  k-write   write \nk-admin admin\n");

        ApiKeys keys = ApiKeys.load(file);

        assertThat(keys.configured()).isTrue();
        assertThat(keys.roleOf("k-read")).contains(Role.READ);
        assertThat(keys.roleOf("k-write")).contains(Role.WRITE);
        assertThat(keys.roleOf("k-admin")).contains(Role.ADMIN);
        assertThat(keys.roleOf("k-admi")).isEmpty();
        assertThat(keys.roleOf("")).isEmpty();
        assertThat(keys.roleOf(null)).isEmpty();
    }

    @Test
    void a_comment_may_end_an_entry_while_a_hash_inside_a_key_is_part_of_it() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"),
            "k3J9abc  read     # dashboards, BI tools\nQm#7x write\t# the order service\n\t# indented comment\n");

        ApiKeys keys = ApiKeys.load(file);

        assertThat(keys.roleOf("k3J9abc")).contains(Role.READ);
        assertThat(keys.roleOf("Qm#7x")).contains(Role.WRITE);
        assertThat(keys.roleOf("Qm")).isEmpty();
    }

    @Test
    void a_key_given_twice_is_refused_with_both_lines_but_never_its_text() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "k-1 read\nk-2 write\nk-1 admin\n");

        assertThatThrownBy(() -> ApiKeys.load(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("line 3: the key of line 1 again")
            .hasMessageNotContaining("k-1");
    }

    @Test
    void a_malformed_line_is_refused_with_its_number_but_never_its_text() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "k-1 read\nsecret-key superuser\n");

        assertThatThrownBy(() -> ApiKeys.load(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("line 2")
            .hasMessageContaining("no role")
            .hasMessageNotContaining("secret-key");
    }

    @Test
    void a_key_that_is_not_visible_ascii_is_refused_naming_the_line_but_never_the_key() throws IOException {
        // an HTTP header cannot carry it the way every client sends it: a JDBC connection opened, a request was 401
        for (String key : new String[] {"k\u00e9y-secret", "SECRET\u20ackey", "SECRET\u0001key"}) {
            Path file = Files.writeString(dir.resolve("keys"), "k-1 read\n" + key + " admin\n");

            assertThatThrownBy(() -> ApiKeys.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: character ")
                .hasMessageContaining("not visible ASCII")
                .hasMessageNotContaining("SECRET")
                .hasMessageNotContaining("secret");
        }
        Path one = Files.writeString(dir.resolve("keys"), "lonely\n");
        assertThatThrownBy(() -> ApiKeys.load(one)).hasMessageEndingWith("found 1 word");
    }

    @Test
    void a_line_with_key_and_role_swapped_is_refused_without_printing_the_key() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "k-1 read\nwrite Zp2cSecretKey\n");

        assertThatThrownBy(() -> ApiKeys.load(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("line 2: the second word is no role")
            .hasMessageNotContaining("Zp2c")
            .hasNoCause(); // Role's own words quote it: a logged stack trace would print it
    }

    @Test
    void a_byte_order_mark_before_the_first_key_is_not_part_of_it() throws IOException {
        Path file = Files.write(dir.resolve("keys"), "\uFEFFk-1 read\r\nk-2 write\r\n".getBytes(UTF_8));

        ApiKeys keys = ApiKeys.load(file);

        assertThat(keys.roleOf("k-1")).contains(Role.READ);
        assertThat(keys.roleOf("\uFEFFk-1")).isEmpty();
        assertThat(keys.roleOf("k-2")).contains(Role.WRITE);
    }

    @Test
    void a_file_that_is_no_utf8_is_refused_naming_the_line_but_never_its_text() throws IOException {
        byte[] latin1 = "k-1 read\n# caf\u00e9\nk-\u00e92 write\n".getBytes(ISO_8859_1);
        Path file = Files.write(dir.resolve("keys"), latin1);

        assertThatThrownBy(() -> ApiKeys.load(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageEndingWith("line 2: not UTF-8 text; save the file as UTF-8");
    }

    @Test
    void an_empty_keys_file_is_refused_rather_than_read_as_no_auth() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "# nothing yet\n");

        assertThatThrownBy(() -> ApiKeys.load(file)).hasMessageContaining("holds no keys");
    }

    @Test
    void each_role_allows_itself_and_the_ones_below() {
        assertThat(Role.ADMIN.allows(Role.WRITE)).isTrue();
        assertThat(Role.WRITE.allows(Role.WRITE)).isTrue();
        assertThat(Role.WRITE.allows(Role.ADMIN)).isFalse();
        assertThat(Role.READ.allows(Role.WRITE)).isFalse();
        assertThat(ApiKeys.none().configured()).isFalse();
    }
}
