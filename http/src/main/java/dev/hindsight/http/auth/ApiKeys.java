package dev.hindsight.http.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API keys a server accepts, each with its {@link Role} (SPEC §6 keys file: one {@code <key> <role>} per line,
 * {@code #} comments, blank lines ignored). A comment starts at a {@code #} that begins a line or follows blanks, so
 * {@code k3J9… read  # dashboards} is an entry with its comment, while a {@code #} inside a key is part of it.
 *
 * <p>Keys are held only as SHA-256 digests, and {@link #roleOf} compares the presented key's digest with every
 * entry with {@link MessageDigest#isEqual} (constant time) without stopping at a match, so the time taken says
 * nothing about which key, or which prefix, came close. Nothing here logs or prints a key: error messages name the
 * file and line number, never the text of the line.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiKeys {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*");
    private static final ApiKeys NONE = new ApiKeys(List.of());

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No keys configured: the server then serves loopback clients only (SPEC §5), each as {@link Role#ADMIN}. */
    public static ApiKeys none() {
        return NONE;
    }

    /**
     * Reads a keys file.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed entry (never its text)
     * @throws IOException when the file cannot be read
     */
    public static ApiKeys load(Path file) throws IOException {
        List<String> lines = lines(file);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = COMMENT.matcher(lines.get(i)).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = WHITESPACE.split(line, -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(file + " line " + (i + 1)
                    + ": expected '<key> <role>' (two words), found " + parts.length + (parts.length == 1 ? " word"
                    : " words"));
            }
            int odd = firstNotVisibleAscii(parts[0]);
            if (odd >= 0) {
                // an HTTP header carries ISO-8859-1 at best (a client sends UTF-8 or nothing), JDBC any text: such a
                // key would open a JDBC connection and be refused over HTTP, or not be sendable at all
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": character " + (odd + 1)
                    + " of the key is not visible ASCII (! to ~), which an HTTP header cannot carry the same way "
                    + "every client sends it; make keys of letters, digits and ASCII punctuation");
            }
            Role role;
            try {
                role = Role.parse(parts[1]);
            } catch (IllegalArgumentException e) { // nor its message or cause: they quote the word, the key if swapped
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": the second word is no role:"
                    + " expected '<key> <role>', the role read, write or admin");
            }
            byte[] digest = digest(parts[0]);
            for (Entry e : entries) {
                if (MessageDigest.isEqual(e.digest, digest)) { // one key with two roles: which one was meant?
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": the key of line " + e.line
                        + " again; give each key one line and one role");
                }
            }
            entries.add(new Entry(digest, role, i + 1));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no keys: add '<key> <role>' lines, or leave --keys out "
                + "to serve loopback clients only");
        }
        return new ApiKeys(entries);
    }

    /**
     * The file's lines, read as UTF-8 without a leading byte order mark (Windows editors write one, which would
     * otherwise be part of the first key).
     *
     * @throws IllegalArgumentException naming the line of the first byte that is no UTF-8
     */
    private static List<String> lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input, replaces nothing
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IllegalArgumentException(file + " line " + line + ": not UTF-8 text; save the file as UTF-8");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return (text.startsWith("\uFEFF") ? text.substring(1) : text).lines().toList();
    }

    /** Keys for tests and embedding: {@code key} → role pairs. */
    public static ApiKeys of(List<String> keys, List<Role> roles) {
        if (keys.size() != roles.size()) {
            throw new IllegalArgumentException(keys.size() + " keys but " + roles.size() + " roles");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            entries.add(new Entry(digest(keys.get(i)), roles.get(i), 0));
        }
        return new ApiKeys(entries);
    }

    /** Whether any key is configured; without keys only loopback clients are served. */
    public boolean configured() {
        return !entries.isEmpty();
    }

    /**
     * Who presented a key of ours: its role, and a name of the key that gives nothing of it away (the first half of its
     * SHA-256, in hex), for what is kept per caller, such as the {@code Idempotency-Key}s of its appends.
     */
    public record Caller(Role role, String keyName) {

        /**
         * {@code name}, a name the caller chose, as one of this caller's own: {@code ~} and the SHA-256 of the key name
         * and {@code name}, in hex (65 characters), so that two callers' equal names are two names.
         */
        public String own(String name) {
            return "~" + HexFormat.of().formatHex(digest(keyName + '\n' + name));
        }
    }

    /** The role of a presented key, or empty when it is {@code null}, empty or not one of ours. Constant time. */
    public Optional<Role> roleOf(String presented) {
        return callerOf(presented).map(Caller::role);
    }

    /** The caller a presented key names, or empty when it is {@code null}, empty or not one of ours. Constant time. */
    public Optional<Caller> callerOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = digest(presented);
        Role found = null;
        for (Entry entry : entries) {
            // no early exit: every entry is compared whatever matched before
            if (MessageDigest.isEqual(entry.digest, candidate) && found == null) {
                found = entry.role;
            }
        }
        return found == null ? Optional.empty()
            : Optional.of(new Caller(found, HexFormat.of().formatHex(candidate, 0, candidate.length / 2)));
    }

    /**
     * The index of the first character of {@code key} outside {@code !} to {@code ~}, which no key may hold, or -1:
     * for clients that check a key before sending it too.
     */
    public static int firstNotVisibleAscii(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '!' || c > '~') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static final class Entry {
        final byte[] digest;
        final Role role;
        /** The keys file's line it was read from; 0 for keys given in code. */
        final int line;

        Entry(byte[] digest, Role role, int line) {
            this.digest = digest;
            this.role = role;
            this.line = line;
        }
    }
}
