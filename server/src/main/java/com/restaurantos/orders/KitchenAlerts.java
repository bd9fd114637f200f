package com.restaurantos.orders;

import com.restaurantos.orders.DomainEvent.KitchenAlertRaised;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Raises kitchen alerts: checks them and publishes {@link KitchenAlertRaised}. Nothing is stored. */
public final class KitchenAlerts {
    private final OrderService orders;
    private final DomainEvents events;
    private final Clock clock;

    public KitchenAlerts(OrderService orders, DomainEvents events, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
    }

    /** The alert as published; an {@code orderId} must name an order of the restaurant. */
    public KitchenAlert raise(Actor actor, UUID restaurantId, AlertDraft draft) {
        Validator check = new Validator();
        KitchenAlert.Type type = check.requiredEnum("type", draft.type(), KitchenAlert.Type.fromWire(draft.type()),
                () -> "[urgent, warning, info]");
        String message = check.requiredText("message", draft.message(), Validator.MAX_TEXT);
        Integer severity = draft.severity();
        if (severity == null) {
            check.fail("severity", "is required");
        } else if (severity < 1 || severity > 5) {
            check.fail("severity", "must be from 1 to 5");
        }
        UUID orderId = null;
        if (draft.orderId() != null) {
            try {
                orderId = UUID.fromString(draft.orderId());
            } catch (IllegalArgumentException e) {
                check.fail("orderId", "must be a UUID");
            }
        }
        String table = check.optionalText("tableNumber", draft.tableNumber(), Validator.MAX_TABLE);
        Station station = check.optionalEnum("station", draft.station(), Station.fromWire(draft.station()),
                Station::choices);
        check.throwIfInvalid();
        if (orderId != null) {
            orders.get(actor, restaurantId, orderId);
        }
        KitchenAlert alert = new KitchenAlert(UUID.randomUUID(), restaurantId, type, message, severity, orderId,
                table, station, clock.instant().truncatedTo(ChronoUnit.MILLIS), actor.id());
        events.publish(new KitchenAlertRaised(alert));
        return alert;
    }
}
