package io.trainstream.broker;

/**
 * Where one node of an {@link EmbeddedKafkaCluster} listens, all on 127.0.0.1.
 *
 * @param nodeId         the node's {@code node.id}, 1..n
 * @param clientPort     the listener clients connect to (PLAINTEXT, or SASL/SCRAM with security on)
 * @param internalPort   the listener brokers replicate over
 * @param controllerPort the KRaft controller listener
 */
public record ClusterNodeAddress(int nodeId, int clientPort, int internalPort, int controllerPort) {

    /**
     * The address clients use.
     *
     * @return {@code "127.0.0.1:<client port>"}
     */
    public String clientAddress() {
        return LocalPorts.HOST + ":" + clientPort;
    }

    /**
     * This node's entry in {@code controller.quorum.voters}.
     *
     * @return {@code "<id>@127.0.0.1:<controller port>"}
     */
    String voter() {
        return nodeId + "@" + LocalPorts.HOST + ":" + controllerPort;
    }
}
