/**
 * The worked example of the event-store walkthrough, as Java projections: {@link
 * dev.hindsight.projection.example.OrderDetailProjection} (one row per order: placed → shipped → cancelled) and
 * {@link dev.hindsight.projection.example.CustomerOrdersProjection} (each customer's orders, partitioned by
 * customer). {@code ./hindsight serve --demo} registers both; read them as templates for your own.
 */
package dev.hindsight.projection.example;
