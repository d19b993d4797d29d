package dev.byok.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where the CPU went during a measurement: each process's CPU time (from the OS, via {@link
 * ProcessHandle}) and the whole machine's busy share (Linux {@code /proc/stat}), between two
 * snapshots. This is how a missed target names its bottleneck.
 */
public final class CpuMeter {

    private final Map<String, Long> pids = new LinkedHashMap<>();

    /** Adds a process to watch under a short name. */
    public CpuMeter watch(String name, long pid) {
        pids.put(name, pid);
        return this;
    }

    public Snapshot snapshot() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration())
                .ifPresent(d -> cpu.put(name, d)));
        return new Snapshot(System.nanoTime(), cpu, MachineTicks.read());
    }

    /** CPU times at one moment. */
    public record Snapshot(long nanos, Map<String, Duration> cpu, MachineTicks machine) {
    }

    /** Usage between two snapshots: per process in % of one core, and the machine in % of all its cores. */
    public record Usage(double seconds, Map<String, Double> percentOfCore, double machinePercent, int cores) {

        public static Usage between(Snapshot from, Snapshot to) {
            double seconds = (to.nanos() - from.nanos()) / 1e9;
            Map<String, Double> percent = new LinkedHashMap<>();
            to.cpu().forEach((name, cpu) -> {
                Duration before = from.cpu().get(name);
                if (before != null && seconds > 0) {
                    percent.put(name, 100.0 * (cpu.minus(before).toNanos() / 1e9) / seconds);
                }
            });
            double machine = Double.NaN;
            if (from.machine() != null && to.machine() != null) {
                long total = to.machine().total() - from.machine().total();
                long idle = to.machine().idle() - from.machine().idle();
                machine = total > 0 ? 100.0 * (total - idle) / total : Double.NaN;
            }
            return new Usage(seconds, percent, machine, Runtime.getRuntime().availableProcessors());
        }

        /**
         * The CPU used on the machine by processes that are not watched (other work on a shared
         * machine, Redis, the kernel), in % of one core; NaN when the machine's share is unknown.
         */
        public double othersPercentOfCore() {
            if (Double.isNaN(machinePercent)) {
                return Double.NaN;
            }
            double ours = percentOfCore.values().stream().mapToDouble(Double::doubleValue).sum();
            return Math.max(0, machinePercent * cores - ours);
        }

        /** e.g. {@code machine 93% of 2 cores; dispatcher 88%, harness 72%, others 20%} (per process: % of one core). */
        public String describe() {
            StringJoiner parts = new StringJoiner(", ");
            percentOfCore.forEach((name, p) -> parts.add(name + " " + String.format(Locale.ROOT, "%.0f%%", p)));
            if (!Double.isNaN(machinePercent)) {
                parts.add(String.format(Locale.ROOT, "everything else %.0f%%", othersPercentOfCore()));
            }
            String machine = Double.isNaN(machinePercent) ? "machine n/a"
                    : String.format(Locale.ROOT, "machine %.0f%% of %d cores", machinePercent, cores);
            return machine + "; per process (% of one core): " + parts;
        }
    }

    /** The machine's CPU ticks from the first line of {@code /proc/stat}; null where there is none. */
    public record MachineTicks(long total, long idle) {

        static MachineTicks read() {
            try {
                String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
                return parse(first);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** {@code cpu user nice system idle iowait irq softirq steal ...}: idle and iowait count as idle. */
        static MachineTicks parse(String line) {
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new MachineTicks(total, idle);
        }
    }
}
