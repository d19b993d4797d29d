package dev.byok.configstore.redis;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * Redisson settings from {@code REDIS_URL}: {@code redis://} or {@code rediss://} (TLS),
 * credentials in the user info ({@code redis://:password@host:6379} or {@code user:password}),
 * a database index as the path ({@code /2}). The password is handed to Redisson, never logged.
 *
 * <p>Or, for Redis Sentinel or Cluster, Redisson's own YAML configuration file
 * ({@code byok.redis-config-file}, README "Redis beyond one server"): it wins over the URL, and
 * Redisson replaces {@code ${VARIABLE}} in it with the environment's value, so a password can come
 * from a Secret instead of the file.
 */
public final class RedisConnection {

    private RedisConnection() {
    }

    /** From the Redisson YAML file when one is named (not blank), else from the URL. */
    public static Config config(String redisUrl, String configFile) {
        if (configFile == null || configFile.isBlank()) {
            return config(redisUrl);
        }
        Path file = Path.of(configFile.trim());
        try {
            return Config.fromYAML(file.toFile());
        } catch (IOException | RuntimeException e) {
            // The message names the file only: the YAML may hold a password.
            throw new IllegalArgumentException("byok.redis-config-file " + file + " is not a Redisson configuration "
                    + "that can be read (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    public static Config config(String redisUrl) {
        URI uri = URI.create(redisUrl.trim());
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("REDIS_URL must start with redis:// or rediss://");
        }
        Config config = new Config();
        SingleServerConfig server = config.useSingleServer()
                .setAddress(scheme + "://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379));
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? null : decode(userInfo.substring(0, colon));
            String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
            if (user != null && !user.isEmpty()) {
                server.setUsername(user);
            }
            server.setPassword(password);
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            server.setDatabase(Integer.parseInt(path.substring(1)));
        }
        return config;
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
