package io.trainstream.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * SASL/SCRAM authentication and ACL authorisation for an {@link EmbeddedKafkaCluster}.
 *
 * <p>With security on, the client listener accepts only {@code SASL_PLAINTEXT} with
 * {@code SCRAM-SHA-256}; brokers and controllers talk to each other over their own SASL/PLAIN
 * listeners as the admin user. Kafka's {@code StandardAuthorizer} checks every request against the
 * ACLs in the cluster metadata, {@code allow.everyone.if.no.acl.found=false}: a user without an ACL
 * may do nothing. The admin user is the only super user. The SCRAM credentials of every user (admin
 * included) are written into the metadata when the storage is formatted, so they exist before the
 * first broker accepts a client.
 *
 * <p>Passwords travel in clear text over {@code SASL_PLAINTEXT}: this is for a cluster on 127.0.0.1
 * and for tests. A deployment puts TLS under it ({@code SASL_SSL}); the ACLs stay the same.
 *
 * @param adminUser     the super user, used between nodes and by the cluster's own health checks
 * @param adminPassword its password
 * @param users         the other SCRAM users, name to password (e.g. a trainer and a consumer)
 */
public record ClusterSecurity(String adminUser, String adminPassword, Map<String, String> users) {

    /** The only mechanism on the client listener. */
    public static final String MECHANISM = "SCRAM-SHA-256";

    /**
     * Checks the names and copies the users.
     *
     * @param adminUser     the super user's name
     * @param adminPassword its password
     * @param users         other users, name to password
     * @throws IllegalArgumentException if a name or password is empty or contains a quote, comma or
     *                                  bracket (they would break the JAAS and format syntax)
     */
    public ClusterSecurity {
        checkName("admin user", adminUser);
        checkName("admin password", adminPassword);
        Objects.requireNonNull(users, "users");
        users.forEach((name, password) -> {
            checkName("user name", name);
            checkName("password of " + name, password);
        });
        if (users.containsKey(adminUser)) {
            throw new IllegalArgumentException("the admin user " + adminUser + " is listed again among the users");
        }
        users = Map.copyOf(users);
    }

    /**
     * Starts a security setting with only the admin user.
     *
     * @param adminUser     the super user
     * @param adminPassword its password
     * @return a setting to add users to with {@link #withUser(String, String)}
     */
    public static ClusterSecurity admin(String adminUser, String adminPassword) {
        return new ClusterSecurity(adminUser, adminPassword, Map.of());
    }

    /**
     * Adds a SCRAM user.
     *
     * @param name     the user name; its principal is {@code User:<name>}
     * @param password its password
     * @return a new setting with the user added
     */
    public ClusterSecurity withUser(String name, String password) {
        Map<String, String> more = new LinkedHashMap<>(users);
        more.put(name, password);
        return new ClusterSecurity(adminUser, adminPassword, more);
    }

    /**
     * The client settings that log in as a user on the client listener.
     *
     * @param name     a user name (need not exist: a test may log in as a stranger)
     * @param password the password to present
     * @return {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}
     */
    public static Map<String, String> clientSettings(String name, String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + name + "\" password=\"" + password + "\";");
    }

    /**
     * The client settings of the admin user.
     *
     * @return settings as {@link #clientSettings(String, String)}
     */
    public Map<String, String> adminClientSettings() {
        return clientSettings(adminUser, adminPassword);
    }

    /**
     * The client settings of one of the users.
     *
     * @param name a user given to this setting
     * @return settings as {@link #clientSettings(String, String)}
     * @throws IllegalArgumentException if there is no such user
     */
    public Map<String, String> userClientSettings(String name) {
        String password = users.get(name);
        if (password == null) {
            throw new IllegalArgumentException("no SCRAM user " + name + " in this cluster (users: " + users.keySet() + ")");
        }
        return clientSettings(name, password);
    }

    private static void checkName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.matches(".*[\"',\\[\\]=\\s].*")) {
            throw new IllegalArgumentException(what + " must not contain quotes, commas, brackets, '=' or spaces: "
                    + value);
        }
    }
}
