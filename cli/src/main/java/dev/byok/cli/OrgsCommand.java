package dev.byok.cli;

import dev.byok.model.OrgByokView;
import dev.byok.model.SlotView;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "orgs", mixinStandardHelpOptions = true,
        description = "List the orgs that have their own config (needs a byok:admin token).")
final class OrgsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RestSettings rest;

    @Option(names = "--json", description = "print the API's JSON answer")
    boolean json;

    record OrgList(List<OrgByokView> orgs) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RestClient client = rest.client();
        if (json) {
            out.println(client.getJson("/api/v1/orgs"));
            return 0;
        }
        List<OrgByokView> orgs = client.get("/api/v1/orgs", OrgList.class).orgs();
        String format = "%-24s %8s  %-40s %s%n";
        out.printf(format, "ORG", "VERSION", "MAIN", "FALLBACK");
        for (OrgByokView org : orgs) {
            out.printf(format, org.orgId(), org.version(), slot(org.main()), slot(org.fallback()));
        }
        if (orgs.isEmpty()) {
            out.println("(no org has its own config yet)");
        }
        return 0;
    }

    static String slot(SlotView slot) {
        if (slot == null) {
            return "-";
        }
        return slot.provider().wire() + "/" + slot.model() + " cap "
                + (slot.maxConcurrentRequests() == null ? "none" : slot.maxConcurrentRequests());
    }
}
