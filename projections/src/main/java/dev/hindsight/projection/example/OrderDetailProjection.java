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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code order_detail}: one row per order stream, following its life.
 *
 * <pre>
 *   order.placed    {customerId, total}  → status 'placed', customer, total, placed_at
 *   order.shipped   {carrier?}           → status 'shipped', shipped_at (a cancelled order stays cancelled)
 *   order.cancelled {reason?}            → status 'cancelled', cancelled_at, reason
 * </pre>
 */
public final class OrderDetailProjection implements Projection<OrderDetailProjection.Order> {

    /**
     * The state of one order.
     *
     * @param customerId  who placed it
     * @param total       its total
     * @param status      placed, shipped or cancelled
     * @param placedAt    epoch ms
     * @param shippedAt   epoch ms or null
     * @param cancelledAt epoch ms or null
     * @param reason      why it was cancelled, or null
     */
    public record Order(String customerId, BigDecimal total, String status, Long placedAt, Long shippedAt,
                        Long cancelledAt, String reason) {
    }

    private static final Order NONE = new Order(null, null, null, null, null, null, null);

    @Override
    public String name() {
        return "order_detail";
    }

    @Override
    public Set<String> eventNames() {
        return Set.of("order.placed", "order.shipped", "order.cancelled");
    }

    @Override
    public Class<Order> stateType() {
        return Order.class;
    }

    @Override
    public Order initialState() {
        return NONE;
    }

    @Override
    public Order apply(Order o, ProjectionEvent e) {
        ObjectNode data = e.json();
        return switch (e.name()) {
            case "order.placed" -> new Order(data.path("customerId").asText(null),
                data.hasNonNull("total") ? data.get("total").decimalValue() : null, "placed", e.ts(), null, null, null);
            case "order.shipped" -> "cancelled".equals(o.status()) ? o
                : new Order(o.customerId(), o.total(), "shipped", o.placedAt(), e.ts(), null, null);
            default -> new Order(o.customerId(), o.total(), "cancelled", o.placedAt(), o.shippedAt(), e.ts(),
                data.path("reason").asText(null));
        };
    }

    @Override
    public Optional<String> partitionKey() {
        return Optional.of("$.streamId");
    }

    @Override
    public List<ProjectionColumn> columns() {
        return List.of(ProjectionColumn.of("order_id", ColumnType.VARCHAR),
            ProjectionColumn.of("customer_id", ColumnType.VARCHAR),
            ProjectionColumn.of("status", ColumnType.VARCHAR),
            ProjectionColumn.decimal("total", 2), // money: DECIMAL(38, 2) in SQL
            ProjectionColumn.of("placed_at", ColumnType.TIMESTAMP),
            ProjectionColumn.of("shipped_at", ColumnType.TIMESTAMP),
            ProjectionColumn.of("cancelled_at", ColumnType.TIMESTAMP),
            ProjectionColumn.of("cancel_reason", ColumnType.VARCHAR));
    }

    @Override
    public Object[] row(String orderId, Order o) {
        return new Object[] {orderId, o.customerId(), o.status(), o.total(), o.placedAt(), o.shippedAt(),
            o.cancelledAt(), o.reason()};
    }

    @Override
    public Optional<StateCodec<Order>> codec() {
        return Optional.of(new StateCodec<>() {
            @Override
            public void write(Order o, DataOutput out) throws IOException {
                Values.write(new Object[] {o.customerId(), o.total(), o.status(), o.placedAt(), o.shippedAt(),
                    o.cancelledAt(), o.reason()}, out);
            }

            @Override
            public Order read(DataInput in) throws IOException {
                Object[] v = (Object[]) Values.read(in);
                return new Order((String) v[0], (BigDecimal) v[1], (String) v[2], (Long) v[3], (Long) v[4],
                    (Long) v[5], (String) v[6]);
            }
        });
    }
}
