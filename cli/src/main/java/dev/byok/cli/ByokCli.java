package dev.byok.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "byok", mixinStandardHelpOptions = true, version = "byok 0.1.0",
        description = "Use a byok-review deployment: tokens, orgs and their live status, reviews and their outcomes,"
                + " dead letters.",
        subcommands = {TokenCommand.class, OrgsCommand.class, ShowCommand.class, ReviewCommand.class, DltCommand.class},
        footer = {"", "Settings come from flags or the environment: BYOK_URL, BYOK_TOKEN (or BYOK_JWT_SECRET to mint one),",
            "KAFKA_BOOTSTRAP_SERVERS, BYOK_KAFKA_CONFIG (a properties file for TLS/SASL).",
            "./run-local serve prints them for the local stack."})
public final class ByokCli implements Runnable {

    /** Exit codes: 0 done, 1 the command could not do its work, 2 the command line is wrong. */
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: token, orgs, show, review, dlt");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ByokCli()).setOut(out).setErr(err);
        cli.registerConverter(Duration.class, ByokCli::duration);
        cli.setParameterExceptionHandler((e, ignored) -> {
            err.println("byok: " + firstLine(e.getMessage()) + " (see " + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            err.println("byok: " + describe(e));
            return FAILED;
        });
        return cli.execute(args);
    }

    static Duration duration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; write it as ISO-8601: PT30S, PT5M, PT1H, P1D");
        }
    }

    /** One line that says what went wrong: the message of a UserError as it is, else the cause's type and message. */
    static String describe(Throwable e) {
        if (e instanceof UserError) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + firstLine(root.getMessage());
        return root.getClass().getSimpleName() + message;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
