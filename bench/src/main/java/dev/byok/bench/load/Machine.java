package dev.byok.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-line description of the machine the numbers come from. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        String memory = mem == null ? "?" : String.format(Locale.ROOT, "%.0f GiB",
                Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
        return String.format(Locale.ROOT, "%d cores (%s), %s RAM, %s %s, JDK %s", Runtime.getRuntime()
                .availableProcessors(), cpu == null ? "cpu model unknown" : cpu, memory, System.getProperty("os.name"),
                System.getProperty("os.version"), Runtime.version());
    }

    /** The 1, 5 and 15 minute load averages, or "?". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** How busy the machine is without us: its CPU share over {@code millis}, in % of all cores. */
    static double busyPercent(long millis) {
        CpuMeter meter = new CpuMeter();
        CpuMeter.Snapshot from = meter.snapshot();
        LoadClient.sleep(millis);
        return CpuMeter.Usage.between(from, meter.snapshot()).machinePercent();
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? null : line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
