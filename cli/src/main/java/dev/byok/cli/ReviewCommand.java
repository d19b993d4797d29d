package dev.byok.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true, description = "Send reviews and follow their outcomes.",
        subcommands = {ReviewSend.class, ReviewWatch.class})
final class ReviewCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: send or watch");
    }
}
