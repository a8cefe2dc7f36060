package dev.hindsight.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code hindsight}: the subcommands of SPEC §6. Run without one, it prints the usage and exits 2.
 */
@Command(name = "hindsight", mixinStandardHelpOptions = true, versionProvider = HindsightCommand.Version.class,
    description = "Hindsight: a SQL database whose only source of truth is an append-only event log.",
    subcommands = HelpCommand.class,
    footer = {"", "Exit codes: 0 ok, 1 failed, 2 bad options or input, 3 version conflict."})
final class HindsightCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The command line with every subcommand, writing to {@code io} and mapping failures to exit codes. */
    static CommandLine commandLine(CliStreams io) {
        ErrorReporter errors = new ErrorReporter(io.err());
        CommandLine cl = new CommandLine(new HindsightCommand())
            .addSubcommand(new ServeCommand(io))
            .addSubcommand(new SqlCommand(io))
            .addSubcommand(new AppendCommand(io))
            .addSubcommand(new ImportCommand(io))
            .addSubcommand(new ExportCommand(io))
            .addSubcommand(new VerifyCommand(io))
            .addSubcommand(new BenchCommand(io))
            .setOut(new PrintWriter(io.out(), true, Charset.defaultCharset()))
            .setErr(new PrintWriter(io.err(), true, Charset.defaultCharset()))
            .setExecutionExceptionHandler(errors)
            .setParameterExceptionHandler(errors)
            // an argument is what it says: a stream id may begin with @ (picocli would read it as a file of arguments)
            .setExpandAtFiles(false);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version()); // each command's --version, which printed nothing
        }
        return cl;
    }

    /** The version of the jar's manifest, or a development marker when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HindsightCommand.class.getPackage().getImplementationVersion();
            return new String[] {"hindsight " + (v == null ? "(development build)" : v)};
        }
    }
}
