package io.contextuate.monitor.migrator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders session ids so that a parent comes before its children wherever both are present. Parent links are not a
 * tree upstream: a session can be its own parent, point to a missing session, or be part of a cycle; a cycle is
 * cut where it is met, and every id appears exactly once.
 */
final class SessionOrder {

    private final Map<String, String> parents = new LinkedHashMap<>();

    /** Adds a session and its parent id ({@code null} when it has none). */
    void add(String sessionId, String parentSessionId) {
        parents.put(sessionId, parentSessionId);
    }

    /** Whether the session was added. */
    boolean contains(String sessionId) {
        return parents.containsKey(sessionId);
    }

    /** How many sessions were added. */
    int size() {
        return parents.size();
    }

    /** Every id added, each parent present before its children. */
    List<String> parentsFirst() {
        List<String> order = new ArrayList<>(parents.size());
        Set<String> placed = new HashSet<>();
        List<String> chain = new ArrayList<>();
        Set<String> onChain = new HashSet<>();
        for (String start : parents.keySet()) {
            chain.clear();
            onChain.clear();
            String cur = start;
            while (cur != null && parents.containsKey(cur) && !placed.contains(cur) && onChain.add(cur)) {
                chain.add(cur);
                cur = parents.get(cur);
            }
            for (int i = chain.size() - 1; i >= 0; i--) {
                placed.add(chain.get(i));
                order.add(chain.get(i));
            }
        }
        return order;
    }
}
