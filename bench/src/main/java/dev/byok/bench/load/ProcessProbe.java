package dev.byok.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a process costs, read from outside it: its Java heap after a full GC (jcmd, from the JDK
 * this harness runs on), its open files (/proc) and Redis's memory (INFO). Each answer is empty
 * when it cannot be read, so a table shows "-" instead of a guess.
 */
final class ProcessProbe {

    private static final Pattern USED = Pattern.compile("\\bused (\\d+)K");
    private static final Pattern USED_MEMORY = Pattern.compile("(?m)^used_memory:(\\d+)\\s*$");

    private ProcessProbe() {
    }

    /** The heap the JVM {@code pid} still uses after a full GC, in bytes. */
    static OptionalLong heapAfterFullGc(long pid) {
        if (jcmd(pid, "GC.run").isEmpty()) {
            return OptionalLong.empty();
        }
        return jcmd(pid, "GC.heap_info").map(ProcessProbe::usedHeapBytes).orElse(OptionalLong.empty());
    }

    /** The used figure of {@code jcmd GC.heap_info}'s first heap line ("... used 376348K ..."). Pure. */
    static OptionalLong usedHeapBytes(String heapInfo) {
        Matcher matcher = USED.matcher(heapInfo);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1)) * 1024) : OptionalLong.empty();
    }

    /** Redis's {@code used_memory} from {@code INFO memory}'s text. Pure. */
    static OptionalLong usedMemory(String info) {
        Matcher matcher = USED_MEMORY.matcher(info);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    static OptionalLong openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return OptionalLong.of(fds.count());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code used_memory} of the Redis at {@code redisUrl} (redis://host:port, no auth), in bytes. */
    static OptionalLong redisUsedMemory(String redisUrl) {
        URI uri = URI.create(redisUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$4\r\nINFO\r\n$6\r\nmemory\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = readLine(in); // $<length> of the bulk string
            if (!header.startsWith("$")) {
                return OptionalLong.empty();
            }
            byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
            return usedMemory(new String(body, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static java.util.Optional<String> jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
