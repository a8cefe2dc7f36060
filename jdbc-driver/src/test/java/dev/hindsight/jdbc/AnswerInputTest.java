package dev.hindsight.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AnswerInput} gives back the stream's bytes in order whatever mix of single bytes and runs is asked for, over
 * a stream that hands out a few bytes per read (as a socket does), with a buffer smaller than the runs: seeded, the
 * seed printed.
 */
class AnswerInputTest {

    @Test
    void bytes_and_runs_come_back_in_order_then_the_end() throws IOException {
        long seed = System.nanoTime();
        System.out.println("AnswerInputTest seed " + seed);
        Random random = new Random(seed);
        byte[] stream = new byte[20_000];
        random.nextBytes(stream);
        AnswerInput input = new AnswerInput(new Trickle(stream, random), 16);

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        while (back.size() < stream.length) {
            if (random.nextBoolean()) {
                back.write(input.read());
            } else {
                back.writeBytes(input.readNBytes(Math.min(random.nextInt(100), stream.length - back.size())));
            }
        }

        assertThat(back.toByteArray()).as("seed " + seed).isEqualTo(stream);
        assertThat(input.read()).as("the end").isEqualTo(-1);
        assertThat(input.readNBytes(5)).as("a run past the end").isEmpty();
    }

    @Test
    void a_run_cut_by_the_end_is_what_there_was() throws IOException {
        AnswerInput input = new AnswerInput(new Trickle(new byte[] {1, 2, 3, 4, 5}, new Random(1)), 2);
        assertThat(input.read()).isEqualTo(1);
        assertThat(input.readNBytes(10)).containsExactly(2, 3, 4, 5);
    }

    /** A stream that hands out between one and seven bytes per read. */
    private static final class Trickle extends FilterInputStream {
        private final Random random;

        Trickle(byte[] bytes, Random random) {
            super(new ByteArrayInputStream(bytes));
            this.random = random;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("AnswerInput reads runs");
        }
    }
}
