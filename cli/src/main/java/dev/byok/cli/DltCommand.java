package dev.byok.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "dlt", mixinStandardHelpOptions = true,
        description = "Dead letters (byok.reviews.requested.dlt): records that could not be processed, with the reason.",
        subcommands = {DltList.class, DltReplay.class})
final class DltCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: list or replay");
    }
}
