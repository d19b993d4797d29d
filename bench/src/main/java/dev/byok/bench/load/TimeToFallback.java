package dev.byok.bench.load;

import dev.byok.localstack.Stack;
import dev.byok.model.Attempt;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time to fallback: main answers every tenth call with a 429 (no retry hint, so no cooldown, and
 * a failure rate well below the circuit breaker's 50 % even when a burst of 429s completes before
 * the successes around it); each such review moves to the fallback topic and is served there. Measured per review from the outcome's attempts, on the worker's clock:
 * from the end of the main call that got the 429 to the start of the fallback call.
 */
final class TimeToFallback {

    static final int RATE = 100;
    static final Duration MEASURE = Duration.ofSeconds(20);
    static final Duration LATENCY = Duration.ofMillis(20);
    static final int CAP = 16;
    static final int EVERY = 10;

    record Result(double p50, double p99, double max, int samples) {
    }

    private TimeToFallback() {
    }

    static Result run(Bench bench, Stack stack, LoadClient client, int run) {
        Orgs orgs = new Orgs(stack);
        String org = Orgs.newOrgId("fb");
        int total = (int) (RATE * MEASURE.toSeconds()) + 10;
        Fault[] faults = new Fault[total];
        for (int i = 0; i < total; i++) {
            faults[i] = i % EVERY == EVERY - 1 ? Fault.rateLimited() : Fault.slowFirstByte(Duration.ZERO);
        }
        orgs.save(org, "main", "sim-large", orgs.key(KeyBehaviour.ok().withLatency(LATENCY).withFaultSequence(faults)),
                CAP);
        orgs.save(org, "fallback", "sim-small", orgs.key(KeyBehaviour.ok().withLatency(LATENCY)), CAP);
        orgs.prime(client, bench.reviews, List.of(org));
        try (TopicWatcher fallbackTopic = new TopicWatcher(bench.kafka, List.of(Topics.tenantTopic(org, Slot.FALLBACK)))) {
            return measure(bench, client, org, run, fallbackTopic);
        }
    }

    private static Result measure(Bench bench, LoadClient client, String org, int run, TopicWatcher fallbackTopic) {
        List<String> ids = new ArrayList<>();
        Pacer.run(RATE, MEASURE, i -> {
            String id = org + "-" + i;
            ids.add(id);
            client.send(org, id, bench.reviews.json(id, org, i));
        });
        client.flush();
        client.awaitAll(ids, Duration.ofSeconds(60));

        List<Double> gaps = new ArrayList<>();
        List<Double> forward = new ArrayList<>();
        List<Double> pickup = new ArrayList<>();
        int skippedMain = 0;
        int firstSkipped = -1;
        java.util.Map<String, Integer> mainOutcomes = new java.util.TreeMap<>();
        for (String id : ids) {
            LoadClient.Received received = client.received(id);
            if (received == null) {
                continue;
            }
            ReviewOutcome outcome = received.outcome();
            List<Attempt> attempts = outcome.attempts();
            attempts.stream().filter(a -> a.slot() == Slot.MAIN).forEach(a -> mainOutcomes.merge(a.outcome().name()
                    + (a.detail() == null ? "" : " (" + a.detail() + ")"), 1, Integer::sum));
            if (attempts.size() == 2 && attempts.get(0).outcome() == AttemptOutcome.RATE_LIMITED
                    && attempts.get(1).slot() == Slot.FALLBACK) {
                Attempt main = attempts.get(0);
                java.time.Instant mainEnded = main.startedAt().plusMillis(main.latencyMs());
                gaps.add(PipelineOverhead.millisBetween(mainEnded, attempts.get(1).startedAt()));
                java.time.Instant readable = fallbackTopic.seen(id);
                if (readable != null) {
                    forward.add(PipelineOverhead.millisBetween(mainEnded, readable));
                    pickup.add(PipelineOverhead.millisBetween(readable, attempts.get(1).startedAt()));
                }
            } else if (outcome.servedBy() == Slot.FALLBACK && attempts.size() == 1) {
                skippedMain++;
                if (firstSkipped < 0) {
                    firstSkipped = ids.indexOf(id);
                }
            }
        }
        Samples s = Samples.of(gaps);
        Samples fw = Samples.of(forward);
        Samples pk = Samples.of(pickup);
        bench.log("    main calls by outcome: %s%s", mainOutcomes, firstSkipped >= 0
                ? "; the first review that skipped main was #" + firstSkipped : "");
        bench.log("  time to fallback, run %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d 429s (of %d reviews)%s", run,
                s.percentile(50), s.percentile(99), s.max(), s.count(), ids.size(),
                skippedMain > 0 ? "; " + skippedMain + " went straight to the fallback (breaker open)" : "");
        bench.log("    p50/p99: 429 -> review readable on the fallback topic (the worker's transaction) %.1f/%.1f ms,"
                + " readable -> fallback call starts (pick-up) %.1f/%.1f ms", fw.percentile(50), fw.percentile(99),
                pk.percentile(50), pk.percentile(99));
        bench.report.note("time to fallback", String.format(Locale.ROOT,
                "run %d: %d reviews at %d/s, every %dth main call a 429: %d fallbacks, p50 %.1f / p99 %.1f / max %.1f ms;"
                        + " p50/p99 by stage: 429 -> readable on the fallback topic %.1f/%.1f, readable -> fallback call"
                        + " %.1f/%.1f ms%s",
                run, ids.size(), RATE, EVERY, s.count(), s.percentile(50), s.percentile(99), s.max(), fw.percentile(50),
                fw.percentile(99), pk.percentile(50), pk.percentile(99),
                skippedMain > 0 ? "; " + skippedMain + " skipped main (breaker)" : ""));
        return new Result(s.percentile(50), s.percentile(99), s.max(), s.count());
    }
}
