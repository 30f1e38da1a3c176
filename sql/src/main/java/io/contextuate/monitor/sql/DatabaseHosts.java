package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The servers of a store with more than one ({@code persistence.database.hosts}): a primary and its standbys, or the
 * nodes of a cluster, as a list of {@code host:port} (or one comma-separated string). A backend builds its driver's
 * multi-host URL from them and tells the driver to write to the primary only. Empty when the key is absent.
 *
 * @param hosts the servers in the order given, each {@code host:port} (IPv6 hosts in brackets)
 */
public record DatabaseHosts(List<String> hosts) {

    /** No hosts list: the store uses {@code database.host} and {@code port}, or {@code database.url}. */
    public static final DatabaseHosts NONE = new DatabaseHosts(List.of());

    public DatabaseHosts {
        hosts = List.copyOf(hosts);
    }

    /** Reads {@code persistence.database.hosts}; a host without a port gets the vendor's default port. */
    public static DatabaseHosts from(StoreContext context, int defaultPort) {
        String key = "database.hosts";
        Optional<List<String>> given = context.settings().strings(key);
        if (given.isEmpty()) {
            return NONE;
        }
        List<String> hosts = new ArrayList<>();
        for (String item : given.get()) {
            for (String part : item.split(",")) { // "a:5432,b:5432" as one value too
                if (!part.isBlank()) {
                    hosts.add(withPort(part.trim(), defaultPort, context.origin()));
                }
            }
        }
        if (hosts.isEmpty()) {
            throw new ConfigurationException("persistence." + key + " " + context.origin() + " names no host");
        }
        return new DatabaseHosts(hosts);
    }

    private static String withPort(String h, int defaultPort, String origin) {
        String host;
        String port;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                throw bad(h, origin);
            }
            host = h.substring(0, close + 1);
            port = h.length() > close + 1 && h.charAt(close + 1) == ':' ? h.substring(close + 2) : null;
        } else if (h.indexOf(':') != h.lastIndexOf(':')) {
            host = "[" + h + "]"; // a bare IPv6 address
            port = null;
        } else {
            int colon = h.indexOf(':');
            host = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? null : h.substring(colon + 1);
        }
        if (host.isEmpty() || host.contains("/") || host.contains("@") || host.contains(",")) {
            throw bad(h, origin);
        }
        int n;
        try {
            n = port == null ? defaultPort : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(h, origin);
        }
        if (n < 1 || n > 65535) {
            throw bad(h, origin);
        }
        return host + ":" + n;
    }

    private static ConfigurationException bad(String h, String origin) {
        return new ConfigurationException("persistence.database.hosts " + origin + " holds '" + h + "', which is not"
                + " host:port");
    }

    /** Whether the key was given. */
    public boolean present() {
        return !hosts.isEmpty();
    }

    /** The hosts as a JDBC URL's authority: {@code h1:p1,h2:p2}. */
    public String authority() {
        return String.join(",", hosts);
    }
}
