package dev.byok.dispatcher;

import dev.byok.configstore.ConfigStoreUnavailableException;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.DeploymentDefault;
import dev.byok.configstore.kafka.BrokerUnavailableException;
import dev.byok.configstore.kafka.DeadLetters;
import dev.byok.configstore.kafka.KafkaClientMeters;
import dev.byok.configstore.kafka.KafkaClientSettings;
import dev.byok.configstore.kafka.TopicProvisioner;
import dev.byok.configstore.kafka.TopicRefusedException;
import dev.byok.configstore.kafka.TopicSpec;
import dev.byok.configstore.tracing.ReviewTracing;
import dev.byok.dispatcher.topics.RecreationGuard;
import dev.byok.dispatcher.topics.TopicRetirement;
import dev.byok.dispatcher.topics.TopicStillHeldException;
import io.micrometer.tracing.Span;
import org.apache.kafka.common.header.internals.RecordHeaders;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-route-produce loop. Each polled batch is published (forwards, outcomes, dead letters)
 * and its offsets committed in one Kafka transaction, so a crash anywhere leaves either all of a
 * batch's effects or none: every request is forwarded or answered exactly once.
 */
final class DispatchLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
    static final String GROUP_ID = "byok-review-dispatcher";

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final IngressRouter router;
    private final ConfigTopicView view;
    private final DeploymentDefault deploymentDefault;
    private final TopicProvisioner topics;
    private final RecreationGuard recreationGuard;
    private final TopicRetirement retirement;
    private final int tenantPartitions;
    private final MeterRegistry meters;
    private final Timer batchTimer;
    private final KafkaClientMeters clientMeters;
    private final ReviewTracing tracing;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean healthy;
    private TopicTrouble topicTrouble = TopicTrouble.NONE;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;

    DispatchLoop(Map<String, Object> consumerBase, Map<String, Object> producerBase, IngressRouter router,
            ConfigTopicView view, DeploymentDefault deploymentDefault, TopicProvisioner topics,
            RecreationGuard recreationGuard, TopicRetirement retirement, int tenantPartitions, MeterRegistry meters,
            ReviewTracing tracing) {
        this.tracing = tracing;
        this.consumerConfig = consumerConfig(consumerBase);
        this.producerConfig = producerConfig(producerBase);
        this.router = router;
        this.view = view;
        this.deploymentDefault = deploymentDefault;
        this.topics = topics;
        this.recreationGuard = recreationGuard;
        this.retirement = retirement;
        this.tenantPartitions = tenantPartitions;
        this.meters = meters;
        this.batchTimer = Timer.builder("byok.dispatcher.batch").description("reading, routing and committing one batch")
                .publishPercentileHistogram().register(meters);
        this.clientMeters = new KafkaClientMeters(meters);
        this.thread = Thread.ofPlatform().name("byok-dispatch-loop").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    boolean isHealthy() {
        return healthy && thread.isAlive();
    }

    private void run() {
        consumer = clientMeters.consumer("dispatch", new KafkaConsumer<>(consumerConfig));
        producer = newProducer();
        consumer.subscribe(List.of(Topics.REVIEWS_REQUESTED), new ForgetTenantTopicsOnAssignment());
        healthy = true;
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    dispatchOrRewind(records);
                }
                retirement.retireDue(consumer.assignment(), () -> consumer.partitionsFor(Topics.REVIEWS_REQUESTED).size());
            }
        } catch (WakeupException closing) {
            // close() was called
        } catch (RuntimeException e) {
            healthy = false;
            log.error("The dispatch loop stopped; requests are not being dispatched", e);
        } finally {
            healthy = false;
            producer.close(Duration.ofSeconds(5));
            consumer.close(Duration.ofSeconds(5));
            clientMeters.close();
        }
    }

    private void dispatchOrRewind(ConsumerRecords<byte[], byte[]> records) {
        try {
            batchTimer.record(() -> dispatch(records));
            topicTrouble = TopicTrouble.NONE;
            healthy = true;
        } catch (TopicStillHeldException held) {
            // Expected for a few seconds after a removal; not a fault of this instance, so it stays healthy.
            log.info("Waiting to make tenant topics again ({}); reading the batch again", held.getMessage());
            rewindAndBackOff(records, held);
        } catch (BrokerUnavailableException | TopicRefusedException | ConfigStoreUnavailableException e) {
            // Nothing of the batch was published (the config view is read and the topics are made before
            // the transaction begins):
            // read it again after a back-off, so a broker that comes back or a policy an operator
            // fixes lets the same requests through. Not healthy meanwhile, so it shows.
            healthy = false;
            log.warn("Cannot route a batch ({}); reading it again", e.getMessage());
            rewindAndBackOff(records, e);
        } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
            log.warn("This dispatcher's producer was fenced; starting a new one and re-reading the batch");
            producer.close(Duration.ZERO);
            producer = newProducer();
            rewind(records);
        } catch (KafkaException e) {
            log.warn("Publishing a batch failed; it will be read again: {}", e.toString());
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                producer.close(Duration.ZERO);
                producer = newProducer();
            }
            rewind(records);
        }
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        List<RequestReader.Result> reads = new ArrayList<>();
        boolean unknownOrg = false;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            RequestReader.Result read = router.read(record.value());
            batch.add(record);
            reads.add(read);
            unknownOrg |= read instanceof RequestReader.Valid valid && view.find(valid.orgId()).isEmpty();
        }
        if (unknownOrg) {
            // A config saved just before the request may not have reached this view yet: catch up
            // once per batch before answering "not configured".
            view.awaitCaughtUp(Duration.ofSeconds(2));
        }
        int ingressPartitions = consumer.partitionsFor(Topics.REVIEWS_REQUESTED).size();
        List<IngressRouter.Route> routes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            routes.add(router.ownedBy(router.route(reads.get(i), this::configOf), batch.get(i).partition(),
                    ingressPartitions));
        }
        ensureTenantTopics(routes);
        producer.beginTransaction();
        for (int i = 0; i < batch.size(); i++) {
            publish(batch.get(i), routes.get(i));
        }
        producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
        producer.commitTransaction();
        routes.forEach(this::count);
    }

    /** The org's own config, else the deployment default: an org's own config always wins as a whole. */
    private java.util.Optional<dev.byok.model.OrgConfigChanged> configOf(String orgId) {
        return view.find(orgId).or(() -> deploymentDefault.asConfigOf(orgId));
    }

    private void count(IngressRouter.Route route) {
        String kind = switch (route) {
            case IngressRouter.Forward forward -> "forwarded_" + forward.slot().wire();
            case IngressRouter.Rekey rekey -> "rekeyed";
            case IngressRouter.Fail fail -> "failed_" + fail.outcome().error().code().name().toLowerCase(java.util.Locale.ROOT);
            case IngressRouter.DeadLetter dead -> "dead_lettered";
        };
        Counter.builder("byok.dispatcher.requests").description("review requests by where they went")
                .tag("route", kind).register(meters).increment();
    }

    private void ensureTenantTopics(List<IngressRouter.Route> routes) {
        Set<TopicSpec> needed = new LinkedHashSet<>();
        for (IngressRouter.Route route : routes) {
            if (route instanceof IngressRouter.Forward forward && !topics.isKnown(Topics.tenantTopic(forward.orgId(), Slot.MAIN))) {
                needed.add(TopicSpec.reviews(Topics.tenantTopic(forward.orgId(), Slot.MAIN), tenantPartitions));
                needed.add(TopicSpec.reviews(Topics.tenantTopic(forward.orgId(), Slot.FALLBACK), tenantPartitions));
            }
        }
        recreationGuard.check(needed.stream().map(TopicSpec::name).toList());
        topics.ensure(needed);
    }

    /**
     * Another dispatcher may have removed an org's tenant topics while it owned the org's ingress
     * partition; what this one knew of them before taking the partition over is no longer true.
     */
    private final class ForgetTenantTopicsOnAssignment implements org.apache.kafka.clients.consumer.ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                topics.forgetIf(name -> Topics.parseTenantTopic(name).isPresent());
            }
        }
    }

    /**
     * Publishes where the request goes, in the span {@code byok.dispatch} (a child of the trace the
     * client's record carries, if any): the records sent carry that span's context on.
     */
    private void publish(ConsumerRecord<byte[], byte[]> record, IngressRouter.Route route) {
        Span span = tracing.start("byok.dispatch", record.headers());
        try {
            switch (route) {
                case IngressRouter.Forward forward -> {
                    span.tag("byok.org", forward.orgId()).tag("byok.review", forward.reviewId())
                            .tag("byok.route", "forwarded_" + forward.slot().wire());
                    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
                    tracing.inject(span, headers);
                    producer.send(new ProducerRecord<>(Topics.tenantTopic(forward.orgId(), forward.slot()), null,
                            utf8(forward.reviewId()), record.value(), headers));
                }
                case IngressRouter.Rekey rekey -> {
                    span.tag("byok.org", rekey.orgId()).tag("byok.review", rekey.reviewId()).tag("byok.route", "rekeyed");
                    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
                    tracing.inject(span, headers);
                    producer.send(new ProducerRecord<>(Topics.REVIEWS_REQUESTED, rekey.partition(), utf8(rekey.orgId()),
                            record.value(), headers));
                }
                case IngressRouter.Fail fail -> {
                    span.tag("byok.org", fail.outcome().orgId()).tag("byok.review", fail.outcome().reviewId())
                            .tag("byok.route", "failed");
                    sendOutcome(fail.outcome(), span);
                }
                case IngressRouter.DeadLetter dead -> {
                    span.tag("byok.route", "dead_lettered");
                    producer.send(DeadLetters.of(record, dead.reason()));
                    dead.outcome().ifPresent(outcome -> sendOutcome(outcome, span));
                }
            }
        } finally {
            span.end();
        }
    }

    private void sendOutcome(ReviewOutcome outcome, Span span) {
        ProducerRecord<byte[], byte[]> result = new ProducerRecord<>(Topics.REVIEWS_RESULTS, utf8(outcome.reviewId()),
                Json.lenient().writeValueAsBytes(outcome));
        tracing.inject(span, result.headers());
        producer.send(result);
    }

    /** Counts the rewind by its cause, reads the batch again, and waits the growing back-off first. */
    private void rewindAndBackOff(ConsumerRecords<byte[], byte[]> records, RuntimeException cause) {
        topicTrouble = topicTrouble.next();
        Counter.builder("byok.dispatcher.batches.rewound")
                .description("batches read again because they could not be routed: the config view or the topics")
                .tag("cause", cause.getClass().getSimpleName()).register(meters).increment();
        rewind(records);
        backOff(topicTrouble.backOffMillis());
    }

    private void backOff(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Consecutive batches whose tenant topics could not be made, and the back-off that follows. */
    record TopicTrouble(int failures) {
        static final TopicTrouble NONE = new TopicTrouble(0);

        TopicTrouble next() {
            return new TopicTrouble(failures + 1);
        }

        /** 250 ms doubling, at most 10 s: the group's poll deadline (5 min) is never near. */
        long backOffMillis() {
            return failures == 0 ? 0 : Math.min(10_000L, 250L << Math.min(failures - 1, 6));
        }
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(consumer::seek);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
        for (TopicPartition partition : records.partitions()) {
            next.put(partition, new OffsetAndMetadata(records.records(partition).getLast().offset() + 1));
        }
        return next;
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        KafkaProducer<byte[], byte[]> created = clientMeters.producer("dispatch", new KafkaProducer<>(producerConfig));
        created.initTransactions();
        return created;
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> base) {
        Map<String, Object> config = KafkaClientSettings.transactionalConsumer(base, GROUP_ID);
        // Under a backlog, one transaction per 5,000 requests rather than per 500: a transaction's
        // cost at the broker (offsets, a commit marker on every partition it wrote) is per
        // transaction, not per record. Without a backlog a poll returns what is there, at once.
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return config;
    }

    private static Map<String, Object> producerConfig(Map<String, Object> base) {
        Map<String, Object> config = KafkaClientSettings.transactionalProducer(base);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "byok-dispatcher-" + UUID.randomUUID());
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        return config;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
