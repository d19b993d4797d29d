package dev.byok.configservice.usage;

import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every outcome on {@code byok.reviews.results} (committed ones only) and counts its usage in
 * the {@link UsageLedger}, then commits its offsets. The instances of config-service share one
 * consumer group, so each outcome is read by one of them; the ledger ignores an outcome it has
 * counted, so a batch read again after a crash or a Redis failure adds nothing twice.
 */
public final class UsageAccountant implements AutoCloseable {

    static final String GROUP = "byok-usage-ledger";
    private static final Logger log = LoggerFactory.getLogger(UsageAccountant.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);

    private final KafkaConsumer<String, byte[]> consumer;
    private final dev.byok.configstore.kafka.KafkaClientMeters clientMeters;
    private final UsageLedger ledger;
    private final Counter counted;
    private final Counter repeated;
    private final Counter unreadable;
    private final Thread thread;
    private volatile boolean running = true;

    public UsageAccountant(Map<String, Object> consumerConfig, UsageLedger ledger, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP + "-" + java.util.UUID.randomUUID());
        // Its lag (kafka_consumer_fetch_manager_records_lag, group byok-usage-ledger) says how far usage is behind.
        this.clientMeters = new dev.byok.configstore.kafka.KafkaClientMeters(meters);
        this.consumer = clientMeters.consumer("usage-ledger", new KafkaConsumer<String, byte[]>(config));
        this.ledger = ledger;
        this.counted = Counter.builder("byok.usage.outcomes.counted").description("Served reviews whose usage was counted")
                .register(meters);
        this.repeated = Counter.builder("byok.usage.outcomes.repeated")
                .description("Outcomes read again and not counted twice").register(meters);
        this.unreadable = Counter.builder("byok.usage.outcomes.unreadable")
                .description("Records on the results topic that are not an outcome").register(meters);
        this.thread = Thread.ofPlatform().name("usage-accountant").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.REVIEWS_RESULTS));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        account(record);
                    }
                    consumer.commitSync();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    log.warn("Could not count a batch of outcomes ({}); reading it again", e.toString());
                    rewind(records);
                    pause();
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } finally {
            consumer.close(Duration.ofSeconds(5));
            clientMeters.close();
        }
    }

    private void account(ConsumerRecord<String, byte[]> record) {
        ReviewOutcome outcome;
        try {
            outcome = record.value() == null ? null : Json.lenient().readValue(record.value(), ReviewOutcome.class);
        } catch (RuntimeException e) {
            outcome = null;
        }
        if (outcome == null || outcome.reviewId() == null || outcome.orgId() == null) {
            unreadable.increment();
            return;
        }
        if (outcome.usage() == null || outcome.servedBy() == null) {
            return; // a FAILED review: its attempts reported no usage to count
        }
        if (ledger.account(outcome)) {
            counted.increment();
        } else {
            repeated.increment();
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_AFTER_FAILURE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
