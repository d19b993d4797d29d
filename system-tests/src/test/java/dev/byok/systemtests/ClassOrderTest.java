package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.jupiter.api.Test;

/**
 * ZeroKeysLeakedIT checks what every other system test left behind, so it must run last whatever
 * order the build hands the classes over in: the class orderer of {@code junit-platform.properties}
 * puts it there. Discovery only: nothing is started.
 */
class ClassOrderTest {

    @Test
    void theLeakScanRunsAfterEveryOtherSystemTestWhateverOrderTheyAreGivenIn() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ZeroKeysLeakedIT.class), selectClass(KeyRotationIT.class),
                        selectClass(HostileInputIT.class), selectClass(ConfigServiceIT.class),
                        selectClass(ReviewPathIT.class))
                .build());

        TestIdentifier engine = plan.getRoots().stream().filter(r -> r.getUniqueId().contains("junit-jupiter"))
                .findFirst().orElseThrow();
        List<String> classes = plan.getChildren(engine).stream().map(TestIdentifier::getDisplayName).toList();

        assertThat(classes).hasSize(5).last().isEqualTo("ZeroKeysLeakedIT");
    }
}
