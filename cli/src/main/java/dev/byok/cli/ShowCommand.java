package dev.byok.cli;

import dev.byok.model.Identifiers;
import dev.byok.model.OrgByokView;
import dev.byok.model.SlotView;
import dev.byok.model.WorkerSlotReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"An org's slots and their live state across all workers.",
            "Slots with key hints, caps and endpoints; permits held, cooldowns, circuit breakers, paused lanes and the",
            "latest failures, as config-service reads them from the workers' Redis."})
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RestSettings rest;

    @Parameters(paramLabel = "ORG", description = "the org id")
    String org;

    @Option(names = "--json", description = "print the API's JSON answer")
    boolean json;

    /** The answer of GET /api/v1/orgs/{org}/byok/status. */
    record Status(OrgByokView config, boolean liveState, String liveStateProblem, Live main, Live fallback) {
    }

    record Live(int permitsHeld, List<Instant> permitLeasesEndAt, Instant coolingDownUntil, List<WorkerSlotReport> workers) {
    }

    @Override
    public Integer call() {
        if (!Identifiers.isValidOrgId(org)) {
            throw new ParameterException(spec.commandLine(), "'" + org + "' is not an org id (1 to 64 letters, digits and"
                    + " '-', not starting with '-')");
        }
        PrintWriter out = spec.commandLine().getOut();
        RestClient client = rest.client();
        String path = "/api/v1/orgs/" + org + "/byok/status";
        if (json) {
            out.println(client.getJson(path));
            return 0;
        }
        Status status = client.get(path, Status.class);
        OrgByokView config = status.config();
        out.println("org " + config.orgId() + "  (config from " + config.source().name().toLowerCase(java.util.Locale.ROOT)
                + ", version " + config.version() + ")");
        print(out, "main", config.main(), status.main(), status);
        print(out, "fallback", config.fallback(), status.fallback(), status);
        if (!status.liveState()) {
            out.println("live state unknown: " + status.liveStateProblem());
        }
        return 0;
    }

    private static void print(PrintWriter out, String name, SlotView slot, Live live, Status status) {
        if (slot == null) {
            out.printf("%-9s not configured%n", name);
            return;
        }
        Integer cap = slot.maxConcurrentRequests();
        out.printf("%-9s %s/%s  key %s  cap %s  %s%n", name, slot.provider().wire(), slot.model(),
                slot.keyHint() == null ? "-" : slot.keyHint(), cap == null ? "none" : cap, slot.effectiveBaseUrl());
        if (live == null) {
            return;
        }
        out.printf("          permits held %d%s%s%n", live.permitsHeld(), cap == null ? "" : "/" + cap,
                live.permitLeasesEndAt().isEmpty() ? "" : " (leases end " + live.permitLeasesEndAt().stream()
                        .map(Instant::toString).collect(Collectors.joining(", ")) + ")");
        out.println("          " + (live.coolingDownUntil() == null ? "not cooling down"
                : "cooling down until " + live.coolingDownUntil() + " (the provider asked to wait)"));
        if (live.workers().isEmpty()) {
            out.println("          no worker has served it in the last " + WorkerSlotReport.FRESH_FOR.toSeconds() + " s");
        }
        for (WorkerSlotReport worker : live.workers()) {
            out.printf("          worker %s: in flight %d, %s%s, failures %s%s%n", worker.worker(), worker.inFlight(),
                    worker.paused() ? "PAUSED (backlog)" : "not paused",
                    worker.breaker() == null ? "" : ", breaker " + worker.breaker(), failures(worker.failures()),
                    worker.lastFailure() == null ? "" : ", last " + worker.lastFailure() + " at " + worker.lastFailureAt());
        }
    }

    private static String failures(Map<String, Long> failures) {
        return failures == null || failures.isEmpty() ? "none" : failures.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
