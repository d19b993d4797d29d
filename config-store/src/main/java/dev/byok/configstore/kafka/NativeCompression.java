package dev.byok.configstore.kafka;

import net.jpountz.lz4.LZ4Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Kafka's lz4 compression use the native library inside a Spring Boot jar.
 *
 * <p>lz4-java loads its JNI library on its own only from the system class loader; in a Boot jar it
 * silently falls back to its pure-Java compressor, which a profile of the dispatcher showed taking
 * 40 % of its loop thread. Loading the library once, before the first Kafka client, makes every
 * later {@code LZ4Factory.fastestInstance()} (Kafka's choice) the native one. Without a native
 * library for this platform, Kafka keeps the pure-Java one, as before.
 */
public final class NativeCompression {

    private static final Logger log = LoggerFactory.getLogger(NativeCompression.class);

    private NativeCompression() {
    }

    /** @return the lz4 implementation Kafka will use, e.g. {@code LZ4Factory:JNI} */
    public static String load() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable unavailable) {
            log.info("No native lz4 library for this platform; Kafka compresses with the pure-Java lz4 ({})",
                    unavailable.toString());
        }
        String used = LZ4Factory.fastestInstance().toString();
        log.info("Kafka's lz4 compression: {}", used);
        return used;
    }
}
