package dev.hindsight.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code hindsight.jar} and the {@code ./hindsight} launcher: runs one command (SPEC §6) and exits
 * with its {@link ExitCode}. Tests call {@link #run} instead, which never exits.
 */
public final class Main {

    /**
     * Held so the level set in {@link #main} is not lost to garbage collection. The log reports a repaired torn tail
     * through it; the commands print that themselves ({@code warning: ...}), so the CLI keeps only its errors.
     */
    private static final Logger EVENT_LOG_LOGGER = Logger.getLogger("dev.hindsight.log.EventLog");
    /**
     * Held as {@link #EVENT_LOG_LOGGER}. The SQL engine logs an internal error (XX000) with its fault, for a server's
     * log; a command prints the error's line itself ({@code error: [XX000] …}), and the fault's stack trace, some 40
     * lines on stderr before it, broke "no stack traces". Kept for {@code serve}, whose log is where it belongs.
     */
    private static final Logger STATEMENT_FAULT_LOGGER = Logger.getLogger("dev.hindsight.sql.jdbc.SqlErrors");
    /**
     * Undertow's and XNIO's loggers (JBoss Logging, which writes to java.util.logging here), held likewise: their INFO
     * lines at every start and stop ("starting server: Undertow - 2.3…", "XNIO version …") are not the server's
     * output, which {@code serve} prints itself; their warnings and errors still reach stderr.
     */
    private static final List<Logger> SERVER_LIBRARY_LOGGERS = List.of(Logger.getLogger("io.undertow"),
        Logger.getLogger("org.xnio"), Logger.getLogger("org.jboss"));

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            STATEMENT_FAULT_LOGGER.setLevel(Level.OFF);
        } else {
            // A bound TIMESTAMP passes through the server JVM's zone twice: Avatica makes a java.sql.Timestamp of it
            // in the default zone, and Calcite takes its value back by the zone it read as it loaded. In New York a
            // value a client bound with a calendar was stored four or five hours off. The server's process runs in
            // UTC, as its times are (SPEC §1), set before either library loads (here, not in the command: a test
            // running the command in its own JVM keeps its zone); the machine's zone is the clients' business.
            TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
        }
        // Chronicle's INFO lines are kept from a command's output by the jar's simplelogger.properties (warnings)
        setIfAbsent("chronicle.analytics.disable", "true");
        EVENT_LOG_LOGGER.setLevel(Level.SEVERE);
        SERVER_LIBRARY_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
        Optional<String> undecodable = ArgumentEncoding.refusal(args, System.getProperty("sun.jnu.encoding"));
        if (undecodable.isPresent()) {
            System.err.println("error: " + undecodable.get());
            System.exit(ExitCode.USAGE);
        }
        int code = execute(new CliStreams(System.in, System.out, System.err, stdinIsATerminal(),
            isATerminal("hindsight.stdout.tty"), stderrIsATerminal()), args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs the command {@code args} name, writing to {@code out} and {@code err}; returns its exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(InputStream.nullInputStream(), out, err, args);
    }

    /**
     * As {@link #run(PrintStream, PrintStream, String...)}, with {@code in} as stdin (for {@code import -}, or a SQL
     * script for {@code sql}; never a terminal).
     */
    public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        return execute(new CliStreams(in, out, err, false, false, false), args);
    }

    /**
     * Runs the command, and fails one that succeeded when its output was lost: a {@code PrintStream} keeps its
     * write errors to itself, so {@code sql … > /dev/full} or {@code append} to a closed pipe exited 0 with nothing
     * printed and nothing said ({@code export} checks each write itself).
     */
    private static int execute(CliStreams io, String[] args) {
        int code = HindsightCommand.commandLine(io).execute(args);
        if (code == ExitCode.OK && io.out().checkError()) { // checkError flushes first
            io.err().println("error: standard output was closed or cannot be written: the command ran, and what it"
                + " printed is lost");
            return ExitCode.FAILED;
        }
        return code;
    }

    /**
     * Whether a person types at stdin: the launcher says ({@code -Dhindsight.stdin.tty}, from the shell's
     * {@code [ -t 0 ]}); without it, whether there is a console and it is a terminal (see {@link #isTerminal}).
     */
    private static boolean stdinIsATerminal() {
        return isATerminal("hindsight.stdin.tty");
    }

    /**
     * Whether stderr is a terminal: the launcher says ({@code -Dhindsight.stderr.tty}, from {@code [ -t 2 ]}); without
     * it (a bare {@code java -jar}), whether there is a console that is a terminal, which on Java 17–21 means stdin
     * and stdout are not redirected: a command run from a script, whose stderr is likely a log, gets whole lines.
     */
    private static boolean stderrIsATerminal() {
        return isATerminal("hindsight.stderr.tty");
    }

    /**
     * Whether the stream the launcher's {@code property} speaks of is a terminal; without it (a bare {@code java
     * -jar}), whether there is a console that is a terminal (stdin and stdout both, on Java 17–21).
     */
    private static boolean isATerminal(String property) {
        String launcher = System.getProperty(property);
        if (launcher != null) {
            return Boolean.parseBoolean(launcher);
        }
        // no console at all: stdin or stdout redirected on Java 17-21, or no terminal in sight on any version
        return Optional.ofNullable(System.console()).map(Main::isTerminal).orElse(false);
    }

    /**
     * Whether {@code console} is a terminal. On Java 17–21 it is whenever there is one: they give none when stdin or
     * stdout is redirected. From Java 22 on there is a console either way, and only {@code Console.isTerminal()}
     * (new in 22) can tell; this code is compiled for 17, hence the look-up by name.
     */
    private static boolean isTerminal(Console console) {
        Method isTerminal;
        try {
            isTerminal = Console.class.getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return true; // Java 17-21
        }
        try {
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Console.isTerminal() failed", e);
        }
    }

    /** Lets {@code HINDSIGHT_JAVA_OPTS=-D...} override the defaults. */
    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
