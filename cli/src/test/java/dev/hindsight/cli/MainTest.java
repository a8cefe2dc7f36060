package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void serveSaysWhenItArrivesAndExitsWith2() {
        Cli.Result serve = Cli.run("serve", "--demo", "--port", "7070");

        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("`serve` arrives with the server issue");
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
