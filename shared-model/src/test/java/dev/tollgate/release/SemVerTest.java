package dev.tollgate.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemVerTest {

    @Test
    void precedenceFollowsSemVer2IncludingPreReleases() {
        // The ordering example of semver.org section 11, plus numeric-core and build-metadata cases.
        List<String> ascending = List.of("0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0-0", "2.0.0");
        List<String> shuffled = new ArrayList<>(ascending);
        Collections.shuffle(shuffled, new java.util.Random(7));
        assertEquals(ascending, SemVer.sorted(shuffled.toArray(String[]::new)).stream().map(SemVer::toString).toList());
        assertTrue(SemVer.parse("1.0.0+build.1").sameAs(SemVer.parse("1.0.0+build.2")));
        assertTrue(SemVer.parse("1.0.0-alpha.99999999999999999999").compareTo(SemVer.parse("1.0.0-alpha.100")) > 0);
        assertTrue(SemVer.parse("1.0.0-rc.1").isPreRelease());
    }

    @Test
    void anythingElseIsRefusedWithTheRule() {
        for (String bad : List.of("", "1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0-a..b",
                "1.0.0 ", "latest", "9999999999.0.0", "1.0.0-" + "a".repeat(70))) {
            assertThrows(IllegalArgumentException.class, () -> SemVer.parse(bad), bad);
        }
    }
}
