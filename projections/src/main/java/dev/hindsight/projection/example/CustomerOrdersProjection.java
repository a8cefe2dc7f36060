package dev.hindsight.projection.example;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.projection.ColumnType;
import dev.hindsight.projection.Projection;
import dev.hindsight.projection.ProjectionColumn;
import dev.hindsight.projection.ProjectionEvent;
import dev.hindsight.projection.StateCodec;
import dev.hindsight.projection.Values;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code customer_orders}: one row per customer (partitioned by {@code $.data.customerId}) listing the orders they
 * placed, how many are still open and what they spent on those not cancelled. Events need {@code customerId} and
 * {@code orderId} in their data.
 */
public final class CustomerOrdersProjection implements Projection<CustomerOrdersProjection.Customer> {

    /**
     * One customer's orders.
     *
     * @param orderIds  every order placed, oldest first
     * @param totals    their totals, in the same order
     * @param open      placed and neither shipped nor cancelled
     * @param cancelled the ones cancelled
     */
    public record Customer(List<String> orderIds, List<BigDecimal> totals, List<String> open, List<String> cancelled) {

        /** What the customer spent: the totals of the orders not cancelled. */
        public BigDecimal spent() {
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < orderIds.size(); i++) {
                if (!cancelled.contains(orderIds.get(i))) {
                    sum = sum.add(totals.get(i));
                }
            }
            return sum;
        }
    }

    private static final Customer NONE = new Customer(List.of(), List.of(), List.of(), List.of());

    @Override
    public String name() {
        return "customer_orders";
    }

    @Override
    public Set<String> eventNames() {
        return Set.of("order.placed", "order.shipped", "order.cancelled");
    }

    @Override
    public Class<Customer> stateType() {
        return Customer.class;
    }

    @Override
    public Customer initialState() {
        return NONE;
    }

    @Override
    public Customer apply(Customer c, ProjectionEvent e) {
        ObjectNode data = e.json();
        String orderId = data.path("orderId").asText(e.streamId());
        BigDecimal total = data.hasNonNull("total") ? data.get("total").decimalValue() : BigDecimal.ZERO;
        return switch (e.name()) {
            case "order.placed" -> new Customer(plus(c.orderIds(), orderId), plus(c.totals(), total),
                plus(c.open(), orderId), c.cancelled());
            case "order.shipped" -> new Customer(c.orderIds(), c.totals(), minus(c.open(), orderId), c.cancelled());
            default -> c.cancelled().contains(orderId) || !c.orderIds().contains(orderId) ? c
                : new Customer(c.orderIds(), c.totals(), minus(c.open(), orderId), plus(c.cancelled(), orderId));
        };
    }

    @Override
    public Optional<String> partitionKey() {
        return Optional.of("$.data.customerId");
    }

    @Override
    public List<ProjectionColumn> columns() {
        return List.of(ProjectionColumn.of("customer_id", ColumnType.VARCHAR),
            ProjectionColumn.of("orders", ColumnType.BIGINT),
            ProjectionColumn.of("open_orders", ColumnType.BIGINT),
            ProjectionColumn.of("order_ids", ColumnType.VARCHAR),
            ProjectionColumn.decimal("spent", 2)); // money: DECIMAL(38, 2) in SQL
    }

    @Override
    public Object[] row(String customerId, Customer c) {
        return new Object[] {customerId, (long) c.orderIds().size(), (long) c.open().size(),
            String.join(",", c.orderIds()), c.spent()};
    }

    @Override
    public Optional<StateCodec<Customer>> codec() {
        return Optional.of(new StateCodec<>() {
            @Override
            public void write(Customer c, DataOutput out) throws IOException {
                Values.write(new Object[] {c.orderIds(), c.totals(), c.open(), c.cancelled()}, out);
            }

            @Override
            public Customer read(DataInput in) throws IOException {
                Object[] v = (Object[]) Values.read(in);
                return new Customer(strings(v[0]), decimals(v[1]), strings(v[2]), strings(v[3]));
            }
        });
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add((String) o);
        }
        return List.copyOf(out);
    }

    private static List<BigDecimal> decimals(Object list) {
        List<BigDecimal> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add((BigDecimal) o);
        }
        return List.copyOf(out);
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return List.copyOf(out);
    }

    private static List<String> minus(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.remove(item);
        return List.copyOf(out);
    }
}
