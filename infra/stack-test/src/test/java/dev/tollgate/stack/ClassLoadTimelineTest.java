package dev.tollgate.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLoadTimelineTest {

    private static final List<String> LOG = List.of(
            "[0.050s][100] java.lang.Object source: shared objects file",
            "[0.100s][100] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source: file:/opt/ric.jar",
            "[0.200s][200] io.quarkus.runtime.Application source: file:/var/task/lib/libraries.jar",
            "[0.300s][200] software.amazon.awssdk.regions.Region source: file:/var/task/lib/libraries.jar",
            "[0.400s][100] io.vertx.core.Vertx source: file:/var/task/lib/libraries.jar",
            "[0.500s][300] java.util.concurrent.ForkJoinTask$Aux source: jrt:/java.base",
            "[0.600s][100] software.amazon.awssdk.core.SdkField$$Lambda$12/0x0000000800c01234 source: software.amazon.awssdk.core.SdkField",
            "[0.700s][100] java.lang.invoke.LambdaForm$MH/0x0000000800c05678 source: __JVM_LookupDefineClass__",
            "not a class line");

    @Test
    void readsEachClassWithItsTimeThreadAndKind() {
        List<ClassLoadTimeline.Load> loads = ClassLoadTimeline.parse(LOG);
        assertEquals(8, loads.size());
        assertEquals(new ClassLoadTimeline.Load(0.05, "100", "java.lang.Object", false, true), loads.get(0));
        assertEquals(2, loads.stream().filter(ClassLoadTimeline.Load::generated).count());
    }

    @Test
    void sumsUpPerThreadWithTheMainThreadFirstAndWhatItLoadsOnceTheOtherIsDone() {
        List<String> summary = ClassLoadTimeline.summary(ClassLoadTimeline.parse(LOG), 750);
        String text = String.join("\n", summary);
        assertTrue(summary.get(0).contains("first answer after 750 ms, 8 classes (1 from the JDK's archive, 2 generated)"), text);
        assertTrue(summary.get(2).matches("\\s*main\\s+5\\s+2\\s+0\\.050\\s+0\\.700"), text);
        assertTrue(summary.get(3).matches("\\s*tid 200\\s+2\\s+0\\s+0\\.200\\s+0\\.300"), text);
        assertTrue(text.contains("main after the busiest other thread's last class (0.300 s): 3 classes, 2 of them generated, 1 of those the AWS SDK's"), text);
        // The regions' metadata is counted apart from the rest of the SDK; the JDK's classes are no library's.
        String libraries = summary.get(summary.size() - 1);
        for (String counted : List.of(" software.amazon.awssdk.regions 1", " software.amazon.awssdk 1", " io.vertx 1",
                " io.quarkus 1", " com.amazonaws 1")) {
            assertTrue(libraries.contains(counted), libraries);
        }
        assertTrue(libraries.startsWith("  classes by library:") && !libraries.contains("java."), libraries);
    }
}
