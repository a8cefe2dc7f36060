package dev.hindsight.log;

import java.util.regex.Pattern;

/**
 * Jackson's complaints in words a user can act on: its messages name its classes and features
 * ({@code StreamReadConstraints.getMaxNestingDepth()}, {@code JsonReadFeature...}, {@code Feature 'ALLOW_COMMENTS'})
 * and its source ({@code [Source: REDACTED …]}), which never reach an answer or a command's error. For the HTTP API's
 * bodies and the CLI's JSON options alike.
 */
public final class JacksonWords {

    /** What Jackson appends to an unclosed object or array's message: where it began, with its source's name. */
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source:.*?\\]\\)");

    /** "end-of-input" run into the phrase after it. */
    private static final Pattern GLUED = Pattern.compile("(end-of-input)(?=\\p{Lu})");

    private JacksonWords() {
    }

    /**
     * Jackson's message without what names its internals: the source and start-marker part dropped, and, if a
     * class or feature name (between backquotes) is left, only the clause before it ({@code Non-standard token 'NaN'}),
     * if a feature named in single quotes, the parenthesis it stands in; empty if nothing plain is left.
     */
    public static String plain(String message) {
        // Jackson glues two of its phrases together at the end of the input: "Unexpected end-of-inputNo digit …"
        String m = GLUED.matcher(START_MARKER.matcher(message).replaceAll("")).replaceAll("$1: ");
        int internal = firstInternal(m);
        if (internal < 0) {
            return m;
        }
        // "... maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled ...)"
        int aside = m.startsWith(FEATURE, internal) ? m.lastIndexOf(" (", internal) : -1;
        if (aside > 0) {
            return m.substring(0, aside);
        }
        int clause = m.lastIndexOf(": ", internal);
        return clause > 0 ? m.substring(0, clause) : "";
    }

    /** How Jackson names one of its features in single quotes, where other names stand in backquotes. */
    private static final String FEATURE = "Feature '";

    private static int firstInternal(String m) {
        int first = -1;
        for (String marker : new String[] {"`", "[Source", FEATURE}) {
            int at = m.indexOf(marker);
            first = at < 0 ? first : first < 0 ? at : Math.min(first, at);
        }
        return first;
    }

}
