package dev.tollgate.local;

import dev.tollgate.embedded.DynamoDbLocalTestResource;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.ChangeLicense;
import dev.tollgate.license.IssueLicense;
import dev.tollgate.license.LicenseChange;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.Product;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.tenant.CreateTenant;
import dev.tollgate.tenant.TenantId;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test: can an unknown key be told from a suspended one by the time the
 * answer takes? VALID, NOT_FOUND and SUSPENDED validations, many keys of each, in one shuffled
 * order (so drift, GC and JIT hit every class alike), in process (the use case) and over HTTP
 * (the local runtime). Prints mean, p50 and p99 per verdict, a Mann-Whitney U test of NOT_FOUND
 * against SUSPENDED (normal approximation, with the probability that one is slower than the other)
 * and a bootstrap 95 % interval of the difference of their medians. Run with
 * {@code mvn -B -ntp -Pbenchmark -pl infra/local -am verify -Dtest=VerdictTimingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalTestResource.class)
class VerdictTimingBenchmark {

    static final int KEYS = Integer.getInteger("benchmark.timing.keys", 100);
    static final int SAMPLES = Integer.getInteger("benchmark.timing.samples", 4_000);
    static final int WARMUP = Integer.getInteger("benchmark.timing.warmup", 3_000);
    static final List<VerdictCode> CLASSES = List.of(VerdictCode.VALID, VerdictCode.NOT_FOUND, VerdictCode.SUSPENDED);
    static final Product PRODUCT = new Product("zendesk-mcp");

    @Inject
    IssueLicense issueLicense;
    @Inject
    ChangeLicense changeLicense;
    @Inject
    CreateTenant createTenant;
    @Inject
    KeyDigester digester;
    @Inject
    LicenseKeyFormat format;
    @Inject
    ValidateLicense validateLicense;

    @Test
    void unknownAgainstSuspendedKeys() throws Exception {
        TenantId tenant = createTenant.create("Timing").id();
        Map<VerdictCode, List<String>> keys = new EnumMap<>(VerdictCode.class);
        for (VerdictCode code : CLASSES) {
            keys.put(code, new ArrayList<>());
        }
        for (int i = 0; i < KEYS; i++) {
            keys.get(VerdictCode.VALID).add(issueLicense.issue(tenant, PRODUCT, LocalDate.now().plusYears(1)).key().display());
            LicenseKey suspended = issueLicense.issue(tenant, PRODUCT, LocalDate.now().plusYears(1)).key();
            changeLicense.apply(digester.digest(suspended), LicenseChange.suspend());
            keys.get(VerdictCode.SUSPENDED).add(suspended.display());
            keys.get(VerdictCode.NOT_FOUND).add(format.generate(PRODUCT).display());
        }
        Random random = new Random(42);
        List<VerdictCode> order = new ArrayList<>();
        for (VerdictCode code : CLASSES) {
            order.addAll(Collections.nCopies(SAMPLES, code));
        }

        System.out.printf("%n=== verdict timing (%d keys per verdict, %d interleaved samples each after %d warm-up, %d cores) ===%n",
                KEYS, SAMPLES, WARMUP, Runtime.getRuntime().availableProcessors());
        measure("in process (ValidateLicense)", order, keys, random, (key, expected) -> {
            VerdictCode code = validateLicense.validate(key, PRODUCT).code();
            if (code != expected) {
                throw new AssertionError(code + " for a " + expected + " key");
            }
        });
        HttpClient http = HttpClient.newHttpClient();
        URI validate = URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/licenses/validate");
        measure("over HTTP (local runtime)", order, keys, random, (key, expected) -> {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(validate)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"licenseKey\":\"" + key + "\",\"product\":\"zendesk-mcp\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().contains("\"" + expected + "\"")) {
                throw new AssertionError(answer.statusCode() + " " + answer.body() + " for a " + expected + " key");
            }
        });
    }

    interface Call {
        void run(String key, VerdictCode expected) throws Exception;
    }

    private static void measure(String label, List<VerdictCode> order, Map<VerdictCode, List<String>> keys, Random random,
                                Call call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            VerdictCode code = CLASSES.get(i % CLASSES.size());
            call.run(keys.get(code).get(random.nextInt(KEYS)), code);
        }
        List<VerdictCode> shuffled = new ArrayList<>(order);
        Collections.shuffle(shuffled, random);
        Map<VerdictCode, long[]> nanos = new EnumMap<>(VerdictCode.class);
        Map<VerdictCode, Integer> filled = new EnumMap<>(VerdictCode.class);
        for (VerdictCode code : CLASSES) {
            nanos.put(code, new long[SAMPLES]);
            filled.put(code, 0);
        }
        for (VerdictCode code : shuffled) {
            String key = keys.get(code).get(random.nextInt(KEYS));
            long start = System.nanoTime();
            call.run(key, code);
            long took = System.nanoTime() - start;
            int at = filled.merge(code, 1, Integer::sum) - 1;
            nanos.get(code)[at] = took;
        }
        System.out.println("-- " + label);
        for (VerdictCode code : CLASSES) {
            long[] sorted = nanos.get(code).clone();
            Arrays.sort(sorted);
            System.out.printf("   %-10s mean %7.3f ms  p50 %7.3f ms  p99 %7.3f ms%n", code,
                    Arrays.stream(sorted).average().orElse(0) / 1e6, ValidationLatencyBenchmark.pct(sorted, 50),
                    ValidationLatencyBenchmark.pct(sorted, 99));
        }
        compare(nanos.get(VerdictCode.NOT_FOUND), nanos.get(VerdictCode.SUSPENDED), random);
    }

    /** Mann-Whitney U (ties averaged, normal approximation) and a bootstrap CI of the median difference. */
    static void compare(long[] a, long[] b, Random random) {
        int n1 = a.length;
        int n2 = b.length;
        long[][] all = new long[n1 + n2][];
        for (int i = 0; i < n1; i++) {
            all[i] = new long[] {a[i], 0};
        }
        for (int i = 0; i < n2; i++) {
            all[n1 + i] = new long[] {b[i], 1};
        }
        Arrays.sort(all, (x, y) -> Long.compare(x[0], y[0]));
        double rankSumA = 0;
        double tieTerm = 0;
        for (int i = 0; i < all.length; ) {
            int j = i;
            while (j < all.length && all[j][0] == all[i][0]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (all[k][1] == 0) {
                    rankSumA += rank;
                }
            }
            long t = j - i;
            tieTerm += (double) t * t * t - t;
            i = j;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double n = n1 + n2;
        double sigma = Math.sqrt(n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1))));
        double z = (u - n1 * (double) n2 / 2.0) / sigma;
        double p = 2 * (1 - phi(Math.abs(z)));
        double superiority = u / (n1 * (double) n2);

        int resamples = 2_000;
        double[] diffs = new double[resamples];
        long[] ra = new long[n1];
        long[] rb = new long[n2];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n1; i++) {
                ra[i] = a[random.nextInt(n1)];
            }
            for (int i = 0; i < n2; i++) {
                rb[i] = b[random.nextInt(n2)];
            }
            Arrays.sort(ra);
            Arrays.sort(rb);
            diffs[r] = (ra[n1 / 2] - rb[n2 / 2]) / 1e6;
        }
        Arrays.sort(diffs);
        long[] sa = a.clone();
        long[] sb = b.clone();
        Arrays.sort(sa);
        Arrays.sort(sb);
        System.out.printf("   NOT_FOUND vs SUSPENDED: median difference %+.3f ms, bootstrap 95%% CI [%+.3f, %+.3f] ms;"
                        + " Mann-Whitney U z = %.2f, p = %.3g; P(NOT_FOUND slower) = %.3f%n",
                (sa[n1 / 2] - sb[n2 / 2]) / 1e6, diffs[(int) (resamples * 0.025)], diffs[(int) (resamples * 0.975)],
                z, p, superiority);
    }

    /** The standard normal CDF (Zelen and Severo, 26.2.17; error below 7.5e-8). */
    static double phi(double x) {
        double t = 1 / (1 + 0.2316419 * Math.abs(x));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double upper = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1 - upper : upper;
    }
}
