package io.trainstream.cluster;

import io.trainstream.trainer.kafka.LogInvariant;
import io.trainstream.broker.ClusterSecurity;
import io.trainstream.broker.EmbeddedKafkaCluster;
import io.trainstream.broker.KafkaClusterConfig;
import io.trainstream.cluster.support.ClusterPublishing;
import io.trainstream.cluster.support.ClusterResults;
import io.trainstream.cluster.support.ClusterTraining;
import io.trainstream.cluster.support.TrainstreamAcls;
import io.trainstream.trainer.kafka.EventLogAccessDeniedException;
import io.trainstream.trainer.kafka.KafkaEventPublisher;
import io.trainstream.trainer.kafka.KafkaPublisherConfig;
import io.trainstream.trainer.kafka.TopicSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A three-node cluster with SASL/SCRAM listeners, Kafka's StandardAuthorizer and the ACLs of
 * {@link TrainstreamAcls}: the trainer principal publishes a real run, the consumer principal reads it in
 * its group and commits; every other use is refused with Kafka's authorization or authentication error
 * naming the topic, the group or the mechanism, and writes nothing.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SecuredClusterTest {

    private static final String EVENTS = "secured.events";
    private static final String RUNS = "secured.runs";
    private static final String GROUP = "trainstream.logging";
    private static final ClusterSecurity SECURITY = ClusterSecurity.admin("admin", "admin-secret")
            .withUser("trainer", "trainer-secret").withUser("consumer", "consumer-secret");

    @TempDir
    static Path dir;
    private static EmbeddedKafkaCluster cluster;

    @BeforeAll
    static void startSecuredClusterWithTopicsAndAcls() throws Exception {
        cluster = new EmbeddedKafkaCluster(KafkaClusterConfig.builder(dir.resolve("kafka")).optSecurity(SECURITY)
                .addNodeJvmOptions(KafkaClusterConfig.FAST_START_JVM_OPTIONS).build()).start();
        // an operator (the admin user) creates the topics and grants the ACLs
        TopicSetup.ensureTopics(config(SECURITY.adminClientSettings()), Duration.ofSeconds(60));
        try (Admin admin = Admin.create(cluster.adminSettings())) {
            List<org.apache.kafka.common.acl.AclBinding> acls = new ArrayList<>(
                    TrainstreamAcls.trainer("trainer", EVENTS, RUNS));
            acls.addAll(TrainstreamAcls.consumer("consumer", EVENTS, GROUP));
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void theTrainerPublishesARunAndTheConsumerReadsItInItsGroup() throws Exception {
        String runId;
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(SECURITY.userClientSettings("trainer")))) {
            runId = ClusterTraining.run(publisher, 2, 10);
            assertThat(publisher.flush(Duration.ofSeconds(60))).as(publisher.deliveryReport().message()).isTrue();
        }
        LogInvariant report = LogInvariant.read(cluster.bootstrapServers(), SECURITY.adminClientSettings(),
                EVENTS, RUNS).only(List.of(runId));
        report.assertEndedNormally();

        Map<String, Object> props = consumerProps(SECURITY.userClientSettings("consumer"), GROUP);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(EVENTS));
            long read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read < report.runs().get(runId).expected() && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            consumer.commitSync(Duration.ofSeconds(30));
            assertThat(read).as("the consumer read the whole run").isGreaterThanOrEqualTo(report.runs().get(runId).expected());
        }
        ClusterResults.write("secured-allowed", report.totals());
    }

    @Test
    void everyOtherUseIsRefusedWithAClearMessageAndWritesNothing() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        Map<String, Object> messages = new LinkedHashMap<>();

        // the consumer principal may not write the events topic: a plain producer is told which topic
        ExecutionException write = sendOne(SECURITY.userClientSettings("consumer"), EVENTS, false);
        assertThat(write.getCause()).isInstanceOf(TopicAuthorizationException.class)
                .hasMessageContaining("Not authorized to access topics: [" + EVENTS + "]");
        messages.put("consumer_writes_events", write.getCause().getMessage());
        // an idempotent producer (trainstream's setting) is stopped one step earlier: a principal with WRITE
        // on no topic may not get a producer id at all (KIP-679), and Kafka says only "Cluster authorization failed."
        ExecutionException idempotent = sendOne(SECURITY.userClientSettings("consumer"), EVENTS, true);
        assertThat(idempotent.getCause()).isInstanceOf(ClusterAuthorizationException.class);
        messages.put("consumer_writes_events_idempotent", idempotent.getCause().getMessage());

        // nor use another consumer type's group
        Map<String, Object> otherGroup = consumerProps(SECURITY.userClientSettings("consumer"), "trainstream.metrics");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(otherGroup)) {
            consumer.subscribe(List.of(EVENTS));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(20)))
                    .isInstanceOf(GroupAuthorizationException.class)
                    .hasMessageContaining("Not authorized to access group: trainstream.metrics")
                    .satisfies(e -> messages.put("consumer_other_group", e.getMessage()));
        }

        // the trainer principal may not read the events
        Map<String, Object> trainerReads = consumerProps(SECURITY.userClientSettings("trainer"), GROUP);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(trainerReads)) {
            consumer.subscribe(List.of(EVENTS));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(20)))
                    .isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class)
                    .satisfies(e -> messages.put("trainer_reads", e.getMessage()));
        }

        // a wrong password is refused before anything else
        ExecutionException stranger = sendOne(ClusterSecurity.clientSettings("trainer", "guessed"), EVENTS, true);
        assertThat(stranger.getCause()).isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-256");
        messages.put("wrong_password", stranger.getCause().getMessage());

        // a trainer may not create topics (an operator does): TopicSetup names the refused operation
        KafkaPublisherConfig otherTopics = KafkaPublisherConfig.builder(cluster.bootstrapServers())
                .optEventsTopic("unapproved.events").optRunsTopic("unapproved.runs").optOutboxDir(dir.resolve("unused"))
                .addProducerOverrides(SECURITY.userClientSettings("trainer")).build();
        assertThatThrownBy(() -> TopicSetup.ensureTopics(otherTopics, Duration.ofSeconds(30)))
                .isInstanceOf(EventLogAccessDeniedException.class)
                .hasMessageContaining("refused to create topic unapproved.")
                .satisfies(e -> messages.put("trainer_creates_topic", e.getMessage()));
        try (Admin admin = Admin.create(cluster.adminSettings())) {
            assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).doesNotContain("unapproved.events",
                    "unapproved.runs");
        }

        // trainstream's own publisher, run by the consumer principal: nothing reaches the topics
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(SECURITY.userClientSettings("consumer")))) {
            ClusterTraining.run(publisher, 1, 3);
            assertThat(publisher.flush(Duration.ofSeconds(5))).as("a refused publisher cannot deliver").isFalse();
            messages.put("publisher_report", publisher.deliveryReport().message());
        }

        assertThat(endOffsets()).as("nothing was written by a refused principal").isEqualTo(before);
        ClusterResults.write("secured-refused", messages);
    }

    private static KafkaPublisherConfig config(Map<String, String> clientSettings) {
        return KafkaPublisherConfig.builder(cluster.bootstrapServers()).optEventsTopic(EVENTS).optRunsTopic(RUNS)
                .optEventsPartitions(ClusterPublishing.PARTITIONS).optOutboxDir(dir.resolve("outbox-" + clientSettings.hashCode()))
                .optFlushTimeout(Duration.ofSeconds(5)).addProducerOverrides(clientSettings)
                .addProducerOverride(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000")
                .addProducerOverride(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000").build();
    }

    private static ExecutionException sendOne(Map<String, String> clientSettings, String topic, boolean idempotent) {
        Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(idempotent));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "intruder".getBytes(), "x".getBytes())).get(30, TimeUnit.SECONDS);
            throw new AssertionError("the write to " + topic + " was accepted");
        } catch (ExecutionException e) {
            return e;
        } catch (org.apache.kafka.common.KafkaException e) {
            return new ExecutionException(e);
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer to the write", e);
        }
    }

    private static Map<String, Object> consumerProps(Map<String, String> clientSettings, String group) {
        Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    private static Map<TopicPartition, Long> endOffsets() {
        Map<String, Object> props = consumerProps(SECURITY.adminClientSettings(), "admin-inspection");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(EVENTS, RUNS)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(20))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(20)));
        }
    }
}
