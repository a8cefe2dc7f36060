package dev.hindsight.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The JVM decodes a command's arguments with the locale's character set ({@code sun.jnu.encoding}); outside a UTF-8
 * locale (C or POSIX, as under cron, systemd and many containers) each non-ASCII byte of an argument becomes U+FFFD,
 * and {@code append --data '{"s":"é"}'} stored {@code "s":"��"} with exit 0. Such an argument is refused instead,
 * naming the character set and the way out; the {@code ./hindsight} launcher runs Java in a UTF-8 locale when the
 * shell's is ASCII, so this is for {@code java -jar} there.
 */
final class ArgumentEncoding {

    private ArgumentEncoding() {
    }

    /**
     * Why {@code args} cannot be taken as given, decoded with {@code encoding} (a charset name, or null for the
     * default): the first argument holding U+FFFD when the encoding is not UTF-8; empty if they can.
     */
    static Optional<String> refusal(String[] args, String encoding) {
        if (isUtf8(encoding)) {
            return Optional.empty(); // a U+FFFD there was typed as such, or stood for bytes UTF-8 cannot read either
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i].indexOf('\uFFFD') >= 0) {
                return Optional.of("argument " + (i + 1) + " holds characters the locale's character set ("
                    + encoding + ") cannot read, which Java would pass on as U+FFFD: run in a UTF-8 locale, e.g. "
                    + "LC_ALL=C.UTF-8 (the ./hindsight launcher does so itself)");
            }
        }
        return Optional.empty();
    }

    private static boolean isUtf8(String encoding) {
        if (encoding == null) {
            return Charset.defaultCharset().equals(StandardCharsets.UTF_8);
        }
        try {
            return Charset.forName(encoding).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
