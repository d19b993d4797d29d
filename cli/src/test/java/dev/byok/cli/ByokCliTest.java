package dev.byok.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command line itself, without a deployment: wrong input gets one line and exit 2. */
class ByokCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ByokCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aWrongCommandLineIsOneLineAndExitTwo() {
        assertThat(run("review", "watch", "--since", "an hour")).isEqualTo(ByokCli.USAGE);
        assertThat(err.toString()).isEqualTo("byok: Invalid value for option '--since': 'an hour' is not a duration;"
                + " write it as ISO-8601: PT30S, PT5M, PT1H, P1D (see byok review watch --help)\n");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"token"}, {"orgs"}, {"show"}, {"review", "send"}, {"review", "watch"},
            {"dlt", "list"}, {"dlt", "replay"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertThat(run(args)).as(String.join(" ", command)).isZero();
        }
        assertThat(out.toString()).contains("Usage: byok token", "Usage: byok review send", "Usage: byok dlt replay");
    }

    @Test
    void aFailureOfTheWorkIsDescribedByItsCauseInOneLine() {
        RuntimeException nested = new RuntimeException("outer", new IllegalStateException("the broker said no\nat line 2"));

        assertThat(ByokCli.describe(nested)).isEqualTo("IllegalStateException: the broker said no");
        assertThat(ByokCli.describe(new UserError("no token"))).isEqualTo("no token");
    }
}
