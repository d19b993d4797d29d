package dev.byok.localstack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Looks at the workers' permits in Redis from outside, the way an operator would with redis-cli:
 * how many permits of an (org, slot) are held or free right now, and when each lease ends. A tiny RESP client, so the tests need no
 * Redis library of their own.
 */
public final class RedisPeek {

    private final String host;
    private final int port;

    public RedisPeek(String redisUrl) {
        URI uri = URI.create(redisUrl);
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 6379;
    }

    /** Permits of the slot whose lease has not run out (released ones are gone from the set). */
    public long heldPermits(String orgId, String slot) {
        String timeouts = "byok:permits:{" + orgId + "}:" + slot + ":timeout";
        return (Long) command("ZCOUNT", timeouts, Long.toString(System.currentTimeMillis()), "+inf");
    }

    /**
     * The permits held now, by id, with the moment (epoch ms) each lease ends. A lease that ran
     * out stays listed until a worker next takes or gives back a permit of the slot.
     */
    public java.util.Map<String, Long> permitLeases(String orgId, String slot) {
        Object reply = command("ZRANGE", "byok:permits:{" + orgId + "}:" + slot + ":timeout", "0", "-1", "WITHSCORES");
        java.util.Map<String, Long> leases = new java.util.LinkedHashMap<>();
        java.util.List<?> flat = (java.util.List<?>) reply;
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            leases.put((String) flat.get(i), (long) Double.parseDouble((String) flat.get(i + 1)));
        }
        return leases;
    }

    /**
     * The slot's free permits: its cap less the permits whose lease has not run out, or null if no
     * permit of it was ever asked for (the slot has no cap).
     */
    public Long availablePermits(String orgId, String slot) {
        Object cap = command("HGET", "byok:permits:{" + orgId + "}:" + slot + ":cap", "cap");
        return cap == null ? null : Long.parseLong((String) cap) - heldPermits(orgId, slot);
    }

    Object command(String... args) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Redis at " + host + ":" + port, e);
        }
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        return switch (type) {
            case ':' -> Long.parseLong(line);
            case '+' -> line;
            case '-' -> throw new IllegalStateException("Redis error: " + line);
            case '*' -> {
                int count = Integer.parseInt(line);
                java.util.List<Object> items = new java.util.ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                yield items;
            }
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length);
                readLine(in);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            default -> throw new IllegalStateException("unexpected Redis reply type " + (char) type);
        };
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }
}
