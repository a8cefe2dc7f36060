package dev.hindsight.cli;

import dev.hindsight.jdbc.spi.SqlText;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script split into its statements at each {@code ;} that ends one: not inside a string literal
 * ({@code 'a;b'}, with {@code ''} for a quote), a quoted identifier ({@code "a;b"}) or a comment ({@code -- …},
 * {@code /* … *\/}). Blank statements are dropped; the last may go without its {@code ;}.
 */
final class ScriptStatements {

    private ScriptStatements() {
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            int afterComment = SqlText.afterComment(script, i);
            if (afterComment > i) {
                i = afterComment;
            } else if (c == '\'' || c == '"') {
                i = closing(script, i, c);
            } else if (c == ';') {
                add(statements, script.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        add(statements, script.substring(start));
        return statements;
    }

    private static void add(List<String> statements, String statement) {
        if (!onlyComments(statement)) {
            statements.add(statement.strip());
        }
    }

    /**
     * Whether {@code text} is white space and comments alone, no statement: comments read as the splitter and the
     * parser read them ({@link SqlText#afterComment}; a regex of its own knew no {@code //}, so a script ending in
     * {@code // done} ran the comment as a statement, 42601).
     */
    private static boolean onlyComments(String text) {
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("/*", i) && text.indexOf("*/", i + 2) < 0) {
                return false; // a comment never closed: the parser says so (it was dropped, and the script ended 0)
            }
            int after = SqlText.afterComment(text, i);
            if (after > i) {
                i = after;
            } else if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    private static int closing(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }
}
