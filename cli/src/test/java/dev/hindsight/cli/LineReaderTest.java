package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsOnNewlinesDroppingCarriageReturnsAndALeadingByteOrderMark() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "a\r\nbb\n\nccc".getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, input, 0, bom.length);
        System.arraycopy(text, 0, input, bom.length, text.length);

        LineReader r = new LineReader(new ByteArrayInputStream(input), 4, 100);

        assertThat(readAll(r)).containsExactly("a", "bb", "", "ccc");
        assertThat(r.lineNumber()).isEqualTo(4);
        assertThat(r.bytesRead()).isEqualTo(input.length);
    }

    @Test
    void growsItsBufferForLongLinesUpToTheLimit() throws IOException {
        String longLine = "x".repeat(1000);
        LineReader r = new LineReader(new ByteArrayInputStream((longLine + "\nshort\n").getBytes(
            StandardCharsets.UTF_8)), 8, 1000);

        assertThat(readAll(r)).containsExactly(longLine, "short");
    }

    @Test
    void refusesALineOverTheLimitAndNamesIt() {
        LineReader r = new LineReader(new ByteArrayInputStream("ok\n12345678901\n".getBytes(StandardCharsets.UTF_8)),
            4, 10);

        assertThatThrownBy(() -> readAll(r)).isInstanceOf(LineReader.RefusedInputException.class)
            .hasMessageContaining("line 2");
    }

    @Test
    void refusesUtf16NamingItRatherThanReadingItAsBadUtf8() {
        for (Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] text = "\uFEFF{\"streamId\":\"s\"}\n".getBytes(utf16); // as Windows tools write it

            assertThatThrownBy(() -> readAll(new LineReader(new ByteArrayInputStream(text))))
                .isInstanceOf(LineReader.RefusedInputException.class)
                .hasMessageContaining("UTF-16").hasMessageContaining("iconv");
        }
    }

    private static List<String> readAll(LineReader r) throws IOException {
        List<String> lines = new ArrayList<>();
        while (r.next()) {
            lines.add(new String(r.buffer(), r.start(), r.length(), StandardCharsets.UTF_8));
        }
        return lines;
    }
}
