package dev.hindsight.projection;

import dev.hindsight.log.EventLog;
import java.util.Map;
import java.util.TreeMap;

/** What {@link CountPerStream} must hold: counted straight from the log up to a seq, by stream. */
final class Oracle {

    private Oracle() {
    }

    static Map<String, String> countPerStream(EventLog log, long upTo) {
        Map<String, long[]> counts = new TreeMap<>();
        if (upTo > 0) {
            log.scan(1, upTo, e -> {
                if (e.name().startsWith("counted")) {
                    long[] c = counts.computeIfAbsent(e.streamId(), s -> new long[2]);
                    c[0]++;
                    c[1] += Long.parseLong(nOf(e.data()));
                }
            });
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((s, c) -> out.put(s, c[0] + "/" + c[1]));
        return out;
    }

    /** The rows of a {@link CountPerStream} in the oracle's form. */
    static Map<String, String> rows(Iterable<Object[]> rows) {
        Map<String, String> out = new TreeMap<>();
        for (Object[] r : rows) {
            out.put((String) r[0], r[1] + "/" + r[2]);
        }
        return out;
    }

    private static String nOf(String data) {
        int i = data.indexOf("\"n\":");
        if (i < 0) {
            return "0";
        }
        int j = i + 4;
        int k = j;
        while (k < data.length() && (Character.isDigit(data.charAt(k)) || data.charAt(k) == '-')) {
            k++;
        }
        return data.substring(j, k);
    }
}
