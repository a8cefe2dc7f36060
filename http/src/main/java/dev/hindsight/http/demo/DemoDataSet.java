package dev.hindsight.http.demo;

import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import dev.hindsight.projection.Projections;
import dev.hindsight.projection.example.CustomerOrdersProjection;
import dev.hindsight.projection.example.OrderDetailProjection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The sample order data set of {@code hindsight serve --demo}: customers, their orders, payments and shipments, made
 * from a fixed seed so every run gives the same events (ids, amounts, which orders ship or are cancelled; only
 * {@code ts} and {@code eventId} differ). About 4,000 events:
 *
 * <pre>
 *   customer-0001..0300  customer.registered {customerId, name, city}
 *   order-00001..01200   order.placed {orderId, customerId, total, items}
 *                        order.shipped {orderId, customerId, carrier}        (most paid orders)
 *                        order.cancelled {orderId, customerId, reason}       (some unpaid orders)
 *   payment-00001..      payment.captured {paymentId, orderId, customerId, amount, method}
 *   shipment-00001..     shipment.dispatched {shipmentId, orderId, carrier}
 * </pre>
 *
 * <p>The projections {@code order_detail} and {@code customer_orders} are the Java ones of
 * {@code dev.hindsight.projection.example}, registered by {@link #registerProjections} (they live as long as the
 * server: {@code serve --demo} registers them on every start, and they catch up from their snapshots).
 */
public final class DemoDataSet {

    /** The seed every demo data set is made from. */
    public static final long SEED = 20_261_130L;

    static final int CUSTOMERS = 300;
    static final int ORDERS = 1200;
    private static final int BATCH = 500;
    private static final String[] CITIES = {"Lisbon", "Berlin", "Lyon", "Turin", "Ghent", "Krakow", "Porto", "Bergen"};
    private static final String[] CARRIERS = {"dhl", "ups", "postnl", "gls"};
    private static final String[] METHODS = {"card", "paypal", "transfer"};
    private static final String[] REASONS = {"changed my mind", "found it cheaper", "ordered twice", "too slow"};

    private DemoDataSet() {
    }

    /**
     * What {@link #load} did.
     *
     * @param loaded whether the data set was appended (only into an empty log)
     * @param events how many events it appended
     */
    public record Report(boolean loaded, long events) {
    }

    /** Appends the data set if {@code log} is empty (source {@code import}); a log with events is left alone. */
    public static Report load(EventLog log) {
        if (log.headSeq() > 0) {
            return new Report(false, 0);
        }
        List<AppendRequest> all = events();
        for (int from = 0; from < all.size(); from += BATCH) {
            log.appendAll(all.subList(from, Math.min(all.size(), from + BATCH)), Source.IMPORT);
        }
        return new Report(true, all.size());
    }

    /**
     * Registers {@code order_detail} and {@code customer_orders} unless projections of those names exist (running, or
     * stored and listed failed because their definition no longer compiles: the name is theirs until dropped).
     *
     * @return the names left to the projections that hold them, in that order (empty: both registered)
     */
    public static List<String> registerProjections(Projections projections) {
        List<String> taken = new ArrayList<>(2);
        if (projections.holds("order_detail")) {
            taken.add("order_detail");
        } else {
            projections.register(new OrderDetailProjection());
        }
        if (projections.holds("customer_orders")) {
            taken.add("customer_orders");
        } else {
            projections.register(new CustomerOrdersProjection());
        }
        return taken;
    }

    /** The data set's appends, one event each, in log order. */
    static List<AppendRequest> events() {
        Random random = new Random(SEED);
        List<Timed> timeline = new ArrayList<>();
        for (int c = 1; c <= CUSTOMERS; c++) {
            String id = String.format(Locale.ROOT, "customer-%04d", c);
            timeline.add(new Timed(c, request(id, "customer", "customer.registered", "{\"customerId\":\"" + id
                + "\",\"name\":\"Customer " + c + "\",\"city\":\"" + pick(random, CITIES) + "\"}")));
        }
        int payments = 0;
        int shipments = 0;
        for (int o = 1; o <= ORDERS; o++) {
            long at = CUSTOMERS + 3L * o;
            String orderId = String.format(Locale.ROOT, "order-%05d", o);
            String customerId = String.format(Locale.ROOT, "customer-%04d", 1 + random.nextInt(CUSTOMERS));
            BigDecimal total = BigDecimal.valueOf(500 + random.nextInt(49_500)).movePointLeft(2)
                .setScale(2, RoundingMode.UNNECESSARY);
            String who = "\"orderId\":\"" + orderId + "\",\"customerId\":\"" + customerId + "\"";
            timeline.add(new Timed(at, request(orderId, "order", "order.placed",
                "{" + who + ",\"total\":" + total + ",\"items\":" + (1 + random.nextInt(5)) + "}")));
            if (random.nextInt(100) < 80) {
                String paymentId = String.format(Locale.ROOT, "payment-%05d", ++payments);
                timeline.add(new Timed(at + 1 + random.nextInt(30), request(paymentId, "payment", "payment.captured",
                    "{\"paymentId\":\"" + paymentId + "\"," + who + ",\"amount\":" + total + ",\"method\":\""
                        + pick(random, METHODS) + "\"}")));
                if (random.nextInt(100) < 85) {
                    String shipmentId = String.format(Locale.ROOT, "shipment-%05d", ++shipments);
                    String carrier = pick(random, CARRIERS);
                    long shippedAt = at + 40 + random.nextInt(120);
                    timeline.add(new Timed(shippedAt, request(shipmentId, "shipment", "shipment.dispatched",
                        "{\"shipmentId\":\"" + shipmentId + "\",\"orderId\":\"" + orderId + "\",\"carrier\":\""
                            + carrier + "\"}")));
                    timeline.add(new Timed(shippedAt, request(orderId, "order", "order.shipped",
                        "{" + who + ",\"carrier\":\"" + carrier + "\"}")));
                }
            } else if (random.nextInt(100) < 40) {
                timeline.add(new Timed(at + 10 + random.nextInt(60), request(orderId, "order", "order.cancelled",
                    "{" + who + ",\"reason\":\"" + pick(random, REASONS) + "\"}")));
            }
        }
        // stable: events of one moment keep the order they were made in (dispatch before the order's shipped)
        timeline.sort(Comparator.comparingLong(Timed::at));
        List<AppendRequest> out = new ArrayList<>(timeline.size());
        for (Timed t : timeline) {
            out.add(t.request());
        }
        return out;
    }

    private static AppendRequest request(String streamId, String entityType, String name, String data) {
        return new AppendRequest(streamId, entityType, List.of(NewEvent.of(name, data)), ExpectedVersion.any());
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private record Timed(long at, AppendRequest request) {
    }
}
