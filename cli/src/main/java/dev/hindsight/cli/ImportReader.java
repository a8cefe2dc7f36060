package dev.hindsight.cli;

import dev.hindsight.http.json.ImportLine;
import dev.hindsight.http.json.ImportLineParser;
import dev.hindsight.log.EventLog;
import java.util.concurrent.BlockingQueue;

/**
 * The reading half of an import, run on its own thread: splits the file into lines, parses them and hands them to
 * the appending thread in {@link ImportGroup}s, checked and encoded for the log ({@link ImportGroup#prepare}), in
 * file order, through a bounded queue (so it runs at most a few groups ahead). The last group it sends says how
 * reading ended; nothing is sent after it. Stops early, sending nothing more, if its thread is interrupted (the
 * appending side gave up).
 */
final class ImportReader implements Runnable {

    private final LineReader lines;
    private final BlockingQueue<ImportGroup> out;
    private final EventLog log;
    private final ImportLineParser parser = new ImportLineParser();

    ImportReader(LineReader lines, BlockingQueue<ImportGroup> out, EventLog log) {
        this.lines = lines;
        this.out = out;
        this.log = log;
    }

    @Override
    public void run() {
        ImportGroup group = new ImportGroup();
        try {
            while (lines.next()) {
                if (lines.isBlank()) {
                    continue;
                }
                ImportLine line;
                try {
                    line = parser.parse(lines.buffer(), lines.start(), lines.length());
                } catch (ImportLineParser.BadLineException e) {
                    group.endAtBadLine(lines.lineNumber(), e.getMessage());
                    break;
                }
                group.add(line, lines.lineNumber(), lines.bytesRead());
                if (group.isFull()) {
                    group.prepare(log);
                    out.put(group);
                    group = new ImportGroup();
                }
            }
            if (!group.isLast()) {
                group.end(null, lines.bytesRead());
            }
        } catch (InterruptedException e) {
            return;
        } catch (Throwable t) {
            // an I/O error, a line too long or a bug: the appending side reports it after the lines before it
            group.end(t, lines.bytesRead());
        }
        try {
            group.prepare(log);
            out.put(group);
        } catch (InterruptedException e) {
            // the appending side gave up: nobody waits for this group
        }
    }
}
