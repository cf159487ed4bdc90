package io.trainstream.cluster.support;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * The ACLs a shared cluster needs for trainstream (documented in SCALING.md), as Kafka ACL bindings:
 * a trainer may write the events and runs topics and nothing else; a consumer may read the events topic
 * and use its own consumer group, nothing else.
 */
public final class TrainstreamAcls {

    private TrainstreamAcls() {}

    /**
     * A trainer: WRITE (which implies DESCRIBE) on both topics. The idempotent producer needs no cluster
     * permission since Kafka 3.0 (KIP-679: WRITE on a topic allows idempotent writes to it). Topics are
     * created by an operator; to let trainers create them, add CREATE on the two topics.
     *
     * @param user the trainer's user name
     * @param eventsTopic the events topic
     * @param runsTopic the runs index topic
     * @return the bindings
     */
    public static List<AclBinding> trainer(String user, String eventsTopic, String runsTopic) {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : List.of(eventsTopic, runsTopic)) {
            acls.add(allow(user, ResourceType.TOPIC, topic, AclOperation.WRITE));
        }
        return acls;
    }

    /**
     * A consumer: READ (which implies DESCRIBE) on the events topic and READ on its group (join, fetch
     * offsets, commit).
     *
     * @param user the consumer's user name
     * @param eventsTopic the events topic
     * @param group its consumer group, e.g. {@code trainstream.logging}
     * @return the bindings
     */
    public static List<AclBinding> consumer(String user, String eventsTopic, String group) {
        return List.of(allow(user, ResourceType.TOPIC, eventsTopic, AclOperation.READ),
                allow(user, ResourceType.GROUP, group, AclOperation.READ));
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
