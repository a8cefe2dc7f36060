package dev.hindsight.sql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.projection.Upcaster;

/** A test upcaster: order.placed version 1 {@code amount} → version 2 {@code total}. */
final class AmountToTotal implements Upcaster {

    @Override
    public String eventName() {
        return "order.placed";
    }

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public int toVersion() {
        return 2;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
        data.set("total", data.remove("amount"));
        return data;
    }
}
