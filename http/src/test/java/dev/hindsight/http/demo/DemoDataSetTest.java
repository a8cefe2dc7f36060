package dev.hindsight.http.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.AppendRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoDataSetTest {

    @Test
    void the_data_set_is_a_few_thousand_events_the_same_on_every_run() {
        List<AppendRequest> first = DemoDataSet.events();
        List<AppendRequest> second = DemoDataSet.events();

        assertThat(first).hasSizeBetween(3000, 6000);
        assertThat(first).isEqualTo(second);
    }

    @Test
    void it_holds_customers_orders_payments_and_shipments_and_orders_ship_after_they_are_placed() {
        List<AppendRequest> events = DemoDataSet.events();
        Set<String> types = new HashSet<>();
        Set<String> placed = new HashSet<>();
        for (AppendRequest r : events) {
            types.add(r.entityType());
            String name = r.events().get(0).name();
            if (name.equals("order.placed")) {
                placed.add(r.streamId());
            } else if (name.equals("order.shipped") || name.equals("order.cancelled")) {
                assertThat(placed).as(r.streamId() + " " + name).contains(r.streamId());
            }
        }

        assertThat(types).containsExactlyInAnyOrder("customer", "order", "payment", "shipment");
        assertThat(placed).hasSize(DemoDataSet.ORDERS);
    }
}
