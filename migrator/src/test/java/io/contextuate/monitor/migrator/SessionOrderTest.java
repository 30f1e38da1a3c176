package io.contextuate.monitor.migrator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionOrderTest {

    @Test
    void aParentComesBeforeItsChildrenWhateverTheOrderTheyWereAddedIn() {
        SessionOrder order = new SessionOrder();
        order.add("grandchild", "child");
        order.add("child", "root");
        order.add("root", null);
        order.add("sibling", "root");

        List<String> ids = order.parentsFirst();

        assertThat(ids).containsExactlyInAnyOrder("root", "child", "grandchild", "sibling");
        assertThat(ids.indexOf("root")).isLessThan(ids.indexOf("child")).isLessThan(ids.indexOf("sibling"));
        assertThat(ids.indexOf("child")).isLessThan(ids.indexOf("grandchild"));
    }

    @Test
    void selfParentsCyclesAndMissingParentsEachAppearOnce() {
        SessionOrder order = new SessionOrder();
        order.add("self", "self");
        order.add("a", "b");
        order.add("b", "c");
        order.add("c", "a");
        order.add("orphan", "gone");

        assertThat(order.parentsFirst()).containsExactlyInAnyOrder("self", "a", "b", "c", "orphan");
    }
}
