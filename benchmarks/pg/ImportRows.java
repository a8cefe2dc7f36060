import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The rows of import-copy.sh, run in Java's single-file source mode with the Hindsight jar on the class path (for
 * Jackson): {@code java -cp cli/target/hindsight.jar benchmarks/pg/ImportRows.java ...}.
 * <ul>
 *   <li>{@code generate N FILE}: writes N import lines (SPEC §6) to FILE: stream {@code order-<0..9999>} drawn at
 *       random (seed 42), {@code version} consecutive per stream from 1, name {@code order.placed}, data
 *       {@code {"customerId":"c-<0..4999>","total":<1..99999>,"currency":"EUR"}} (~140 bytes a line).</li>
 *   <li>{@code copy IN OUT}: converts the import lines of IN to PostgreSQL COPY text format in OUT, columns
 *       {@code stream_id, entity_type, version, name, data, metadata} ({@code \N} for a missing version or metadata);
 *       data and metadata are the exact text of the line's objects.</li>
 * </ul>
 */
public final class ImportRows {

    private static final JsonFactory JSON = new JsonFactory();

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("generate")) {
            generate(Integer.parseInt(args[1]), Path.of(args[2]));
        } else if (args.length == 3 && args[0].equals("copy")) {
            copy(Path.of(args[1]), Path.of(args[2]));
        } else {
            System.err.println("usage: ImportRows generate N FILE | copy IN.jsonl OUT.tsv");
            System.exit(2);
        }
    }

    private static void generate(int n, Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        long[] versions = new long[10_000];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < n; i++) {
                int s = random.nextInt(versions.length);
                sb.setLength(0);
                sb.append("{\"streamId\":\"order-").append(s).append("\",\"entityType\":\"order\",\"version\":")
                    .append(++versions[s]).append(",\"name\":\"order.placed\",\"data\":{\"customerId\":\"c-")
                    .append(random.nextInt(5_000)).append("\",\"total\":").append(1 + random.nextInt(99_999))
                    .append(",\"currency\":\"EUR\"}}\n");
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void copy(Path in, Path outFile) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(outFile), 1 << 20)) {
            StringBuilder row = new StringBuilder(256);
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                row.setLength(0);
                row(line, row, n);
                out.write(row.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void row(String line, StringBuilder row, long n) throws IOException {
        String streamId = null;
        String entityType = null;
        String name = null;
        String data = null;
        String metadata = null;
        String version = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("line " + n + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "streamId" -> streamId = p.getText();
                    case "entityType" -> entityType = p.getText();
                    case "name" -> name = p.getText();
                    case "version" -> version = t == JsonToken.VALUE_NULL ? null : p.getText();
                    case "data" -> data = raw(p, line);
                    case "metadata" -> metadata = t == JsonToken.VALUE_NULL ? null : raw(p, line);
                    default -> p.skipChildren();
                }
            }
        }
        if (streamId == null || entityType == null || name == null || data == null) {
            throw new IOException("line " + n + ": streamId, entityType, name and data are required");
        }
        field(row, streamId).append('\t');
        field(row, entityType).append('\t');
        field(row, version).append('\t');
        field(row, name).append('\t');
        field(row, data).append('\t');
        field(row, metadata).append('\n');
    }

    /** The text of the object at the parser, as the line holds it (char offsets: the parser reads a String). */
    private static String raw(JsonParser p, String line) throws IOException {
        int from = (int) p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        int to = (int) p.currentLocation().getCharOffset();
        return line.substring(from, to);
    }

    /** A COPY text-format field: backslash, tab, newline and carriage return escaped, {@code \N} for null. */
    private static StringBuilder field(StringBuilder row, String value) {
        if (value == null) {
            return row.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return row;
    }
}
