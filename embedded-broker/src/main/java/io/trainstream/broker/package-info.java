/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) started in-process
 * from Kafka's own jars: the embedded default of trainstream for one machine, and the broker of its
 * integration tests.
 *
 * <p>Start one with {@link io.trainstream.broker.EmbeddedKafkaBroker}, configured by an
 * {@link io.trainstream.broker.EmbeddedKafkaConfig}; run one in its own process with
 * {@link io.trainstream.broker.EmbeddedKafkaMain}. Both listeners bind to {@code 127.0.0.1} only.
 *
 * <p>A real multi-node KRaft cluster on 127.0.0.1, each node its own process (so a test can SIGKILL
 * one): {@link io.trainstream.broker.EmbeddedKafkaCluster}, configured by a
 * {@link io.trainstream.broker.KafkaClusterConfig}, optionally with SASL/SCRAM and ACL authorisation
 * ({@link io.trainstream.broker.ClusterSecurity}).
 */
package io.trainstream.broker;
