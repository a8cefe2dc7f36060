package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void serveRefusesANonLoopbackBindWithoutKeysWithTheReasonAndExit2() {
        Cli.Result serve = Cli.run("serve", "--bind", "0.0.0.0", "--port", "0", "--data-dir", "target/never-opened");

        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("0.0.0.0").contains("loopback").contains("--keys");
    }

    @Test
    void serveWithAKeysFileThatIsNotThereSaysWhyWithExit2() {
        Cli.Result serve = Cli.run("serve", "--keys", "target/no-such-keys-file", "--port", "0", "--data-dir",
            "target/never-opened");

        assertThat(serve.exitCode()).isEqualTo(2);
        // it said only "cannot be read: target/no-such-keys-file", the path again
        assertThat(serve.err()).contains("--keys target/no-such-keys-file cannot be read: no such file or directory");
    }

    @Test
    void anUnknownCommandExitsWith2AndListsTheCommands() {
        Cli.Result r = Cli.run("bogus");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'bogus'").contains("append, import, export, verify");
    }

    @Test
    void noCommandPrintsTheUsageOnStderrAndExitsWith2() {
        Cli.Result r = Cli.run();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Usage: hindsight").contains("export");
    }

    @Test
    void helpGoesToStdoutAndExitsWith0() {
        Cli.Result top = Cli.run("--help");
        Cli.Result append = Cli.run("append", "--help");

        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("Usage: hindsight");
        assertThat(append.exitCode()).isZero();
        assertThat(append.out()).contains("--expected-version").contains("--data-dir");
    }
}
