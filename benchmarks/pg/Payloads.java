import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The JSON payloads of the JMH benchmarks, for json-aggregate.sh (run with {@code java Payloads.java ...}, Java's
 * single-file source mode: no build needed).
 * <ul>
 *   <li>{@code payloads N}: prints BenchSupport.payloads(N), one a line, {@code <index> TAB <json>}.</li>
 *   <li>{@code expect EVENTS}: prints {@code <groups> TAB <sum>}: what the JSON aggregate returns over EVENTS events
 *       (event i carries payload i &amp; 1023, as SqlReadBenchmark appends them): the number of distinct customerIds
 *       and the sum of all totals.</li>
 *   <li>{@code check}: with the benchmarks jar on the class path ({@code java -cp benchmarks/target/benchmarks.jar
 *       Payloads.java check}), compares {@link #payloads payloads(1024)} with BenchSupport.payloads(1024) itself;
 *       exit status 0 if identical, 1 if not, 3 if BenchSupport is not on the class path.</li>
 * </ul>
 * {@link #payloads} is a copy of {@code dev.hindsight.benchmarks.BenchSupport.payloads} (same seed, format, arrays,
 * order of random draws); keep the two identical. json-aggregate.sh checks the output against a SHA-256 and, when
 * the benchmarks are built, against BenchSupport itself.
 */
public final class Payloads {

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};
    private static final String[] CHANNELS = {"web", "app", "pos"};

    static String[] payloads(int n) {
        SplittableRandom random = new SplittableRandom(42);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = String.format(Locale.ROOT,
                "{\"orderId\":\"order-%04d\",\"customerId\":\"c-%04d\",\"total\":%d.%02d,\"currency\":\"%s\","
                    + "\"items\":%d,\"channel\":\"%s\"}",
                random.nextInt(10_000), random.nextInt(10_000), 1 + random.nextInt(999), random.nextInt(100),
                CURRENCIES[random.nextInt(CURRENCIES.length)], 1 + random.nextInt(9),
                CHANNELS[random.nextInt(CHANNELS.length)]);
        }
        return out;
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("payloads")) {
            String[] p = payloads(Integer.parseInt(args[1]));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < p.length; i++) {
                sb.append(i).append('\t').append(p[i]).append('\n');
            }
            System.out.print(sb);
        } else if (args.length == 2 && args[0].equals("expect")) {
            long events = Long.parseLong(args[1]);
            String[] p = payloads(1_024);
            String[] customer = new String[p.length];
            BigDecimal[] total = new BigDecimal[p.length];
            for (int i = 0; i < p.length; i++) {
                customer[i] = field(p[i], "\"customerId\":\"", "\"");
                total[i] = new BigDecimal(field(p[i], "\"total\":", ","));
            }
            Map<String, BigDecimal> groups = new HashMap<>();
            long[] times = new long[p.length];
            for (long i = 0; i < events; i++) {
                times[(int) (i & 1023)]++;
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 0; k < p.length; k++) {
                if (times[k] > 0) {
                    BigDecimal part = total[k].multiply(BigDecimal.valueOf(times[k]));
                    groups.merge(customer[k], part, BigDecimal::add);
                    sum = sum.add(part);
                }
            }
            System.out.println(groups.size() + "\t" + sum.toPlainString());
        } else if (args.length == 1 && args[0].equals("check")) {
            String[] theirs;
            try {
                java.lang.reflect.Method m = Class.forName("dev.hindsight.benchmarks.BenchSupport")
                    .getDeclaredMethod("payloads", int.class);
                m.setAccessible(true); // package-private
                theirs = (String[]) m.invoke(null, 1_024);
            } catch (ClassNotFoundException e) {
                System.out.println("BenchSupport not on the class path");
                System.exit(3);
                return;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot call BenchSupport.payloads", e);
            }
            String[] ours = payloads(1_024);
            int differ = 0;
            for (int i = 0; i < ours.length; i++) {
                if (!ours[i].equals(theirs[i])) {
                    if (differ++ < 3) {
                        System.out.println("payload " + i + " differs:\n  ours:        " + ours[i]
                            + "\n  BenchSupport: " + theirs[i]);
                    }
                }
            }
            System.out.println(differ == 0 ? "identical to BenchSupport.payloads(1024): all 1024"
                : differ + " of 1024 payloads differ from BenchSupport.payloads(1024)");
            System.exit(differ == 0 ? 0 : 1);
        } else {
            System.err.println("usage: java Payloads.java payloads N | expect EVENTS | check");
            System.exit(2);
        }
    }

    private static String field(String json, String start, String end) {
        int from = json.indexOf(start) + start.length();
        return json.substring(from, json.indexOf(end, from));
    }
}
