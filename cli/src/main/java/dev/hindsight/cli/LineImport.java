package dev.hindsight.cli;

import java.io.IOException;

/** Where {@code import} puts the lines of its file: a log opened directly ({@link Importer}) or a server. */
interface LineImport {

    /** Imports every line of {@code lines}, reporting acknowledged events to {@code progress}. */
    void run(LineReader lines, Progress progress) throws IOException;

    /** Events acknowledged so far. */
    long imported();

    /** Bytes of the file behind the acknowledged events (for the progress's percentage). */
    long bytesDone(LineReader lines);
}
