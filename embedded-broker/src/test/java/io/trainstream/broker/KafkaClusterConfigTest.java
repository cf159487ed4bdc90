package io.trainstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClusterConfigTest {

    private static final Path DIR = Path.of("target", "unused");

    @Test
    void replicationFitsTheNumberOfNodes() {
        assertThat(KafkaClusterConfig.builder(DIR).optNodes(1).build().replicationFactor()).isEqualTo(1);
        assertThat(KafkaClusterConfig.builder(DIR).optNodes(1).build().minInsyncReplicas()).isEqualTo(1);
        assertThat(KafkaClusterConfig.builder(DIR).optNodes(3).build().replicationFactor()).isEqualTo(3);
        assertThat(KafkaClusterConfig.builder(DIR).optNodes(3).build().minInsyncReplicas()).isEqualTo(2);
        assertThat(KafkaClusterConfig.builder(DIR).optNodes(5).build().replicationFactor()).isEqualTo(3);
    }

    @Test
    void badValuesAreRefusedWithAMessageNamingThem() {
        assertThatThrownBy(() -> KafkaClusterConfig.builder(DIR).optNodes(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("nodes must be between 1 and 9: 10");
        assertThatThrownBy(() -> KafkaClusterConfig.builder(DIR).optNodeHeapMb(64).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("nodeHeapMb must be at least 128: 64");
        assertThatThrownBy(() -> ClusterSecurity.admin("admin", "pa\"ss"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin password must not contain quotes");
        assertThatThrownBy(() -> ClusterSecurity.admin("admin", "x").userClientSettings("nobody"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no SCRAM user nobody");
    }

    @Test
    void everyNodeKnowsAllVotersAndListensOnLoopbackOnly() {
        KafkaClusterConfig config = KafkaClusterConfig.builder(DIR).build();
        List<ClusterNodeAddress> all = List.of(new ClusterNodeAddress(1, 10001, 10002, 10003),
                new ClusterNodeAddress(2, 10004, 10005, 10006), new ClusterNodeAddress(3, 10007, 10008, 10009));

        Properties testSubject = ClusterProperties.of(config, all.get(1), all, DIR);

        assertThat(testSubject.getProperty("node.id")).isEqualTo("2");
        assertThat(testSubject.getProperty("controller.quorum.voters"))
                .isEqualTo("1@127.0.0.1:10003,2@127.0.0.1:10006,3@127.0.0.1:10009");
        assertThat(testSubject.getProperty("listeners"))
                .isEqualTo("CLIENT://127.0.0.1:10004,INTERNAL://127.0.0.1:10005,CONTROLLER://127.0.0.1:10006");
        assertThat(testSubject.getProperty("min.insync.replicas")).isEqualTo("2");
        assertThat(testSubject.getProperty("offsets.topic.replication.factor")).isEqualTo("3");
        assertThat(testSubject.getProperty("authorizer.class.name")).isNull();
    }

    @Test
    void aSecuredClusterAuthenticatesEveryListenerAndDeniesWhatNoAclAllows() {
        ClusterSecurity security = ClusterSecurity.admin("admin", "a-secret").withUser("trainer", "t-secret");
        KafkaClusterConfig config = KafkaClusterConfig.builder(DIR).optSecurity(security).build();
        ClusterNodeAddress node = new ClusterNodeAddress(1, 10001, 10002, 10003);

        Properties testSubject = ClusterProperties.of(config, node, List.of(node), DIR);

        assertThat(testSubject.getProperty("listener.security.protocol.map"))
                .isEqualTo("CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(testSubject.getProperty("listener.name.client.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-256");
        assertThat(testSubject.getProperty("authorizer.class.name"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(testSubject.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(testSubject.getProperty("super.users")).isEqualTo("User:admin");
        assertThat(ClusterProperties.scramArguments(config)).containsExactly(
                "--add-scram", "SCRAM-SHA-256=[name=admin,password=a-secret]",
                "--add-scram", "SCRAM-SHA-256=[name=trainer,password=t-secret]");
    }
}
