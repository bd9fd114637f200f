package com.restaurantos.simulation;

import com.restaurantos.orders.KitchenAlert;
import com.restaurantos.orders.OrderStatus;
import com.restaurantos.orders.OrderType;
import com.restaurantos.orders.Station;
import com.restaurantos.simulation.Menu.Course;
import com.restaurantos.simulation.Menu.Dish;
import com.restaurantos.simulation.Menu.Extra;
import com.restaurantos.simulation.Restaurant.Alert;
import com.restaurantos.simulation.Restaurant.Amendment;
import com.restaurantos.simulation.Restaurant.LineItem;
import com.restaurantos.simulation.Restaurant.OrderRequest;
import com.restaurantos.simulation.Restaurant.PlacedOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static com.restaurantos.orders.OrderStatus.CANCELLED;
import static com.restaurantos.orders.OrderStatus.COMPLETED;
import static com.restaurantos.orders.OrderStatus.CONFIRMED;
import static com.restaurantos.orders.OrderStatus.NEW;
import static com.restaurantos.orders.OrderStatus.PENDING;
import static com.restaurantos.orders.OrderStatus.PREPARING;
import static com.restaurantos.orders.OrderStatus.READY;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

/**
 * A restaurant's service (the hours it is open), decided step by step. Guests sit down at the tables, order
 * drinks, then food, sometimes dessert, eat, pay and leave, and the table is completed; takeout, delivery, online,
 * drive-thru and kiosk orders come in at random. The kitchen and the bar confirm each order, prepare it and
 * call it ready; guests and couriers pick orders up. Now and then an order is changed before the kitchen starts,
 * cancelled (with a reason), or the kitchen raises an alert.
 *
 * <p>Every decision comes from one seeded {@link Dice} and every time is service time, so a seed plays the same
 * service again whatever the pace. What the server has to be told goes to the {@link Restaurant}; a request the
 * server refuses leaves that order alone from then on (a 429 is asked again later).
 */
public final class Service {
    /** How often an order is cancelled at some point before it is ready. */
    private static final double CANCELLATIONS = 0.04;
    /** How often an order is changed before the kitchen confirms it. */
    private static final double AMENDMENTS = 0.06;
    /** How often a party orders drinks first, on their own. */
    private static final double DRINKS_FIRST = 0.7;
    private static final double DESSERT = 0.3;
    /** The orders a table brings in a minute, about: two a party, a party an hour. */
    private static final double ORDERS_PER_TABLE_AND_MINUTE = 1.0 / 30;
    /** Kitchen alerts per order, about. */
    private static final double ALERTS_PER_ORDER = 1.0 / 25;
    /** However quiet the service, the kitchen has something to say every few minutes. */
    private static final double ALERTS_PER_MINUTE_AT_LEAST = 0.25;

    private static final List<String> FIRST_NAMES = List.of("Ana", "Ben", "Chloe", "Dev", "Elif", "Farah", "Gus",
            "Hana", "Ivan", "Jade", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tomas",
            "Uma", "Victor", "Wen", "Yusuf", "Zoe");

    /**
     * What the service is like.
     *
     * @param ordersPerMinute how busy: about this many orders a minute in all, the dining room's and the others
     * @param tables          tables of the dining room, numbered from 1
     * @param tablesInUse     tables that already have guests (orders of someone else): nobody is seated there
     * @param retryAfter      how long to wait before asking again what the server was too busy (429) to do
     */
    public record Settings(double ordersPerMinute, int tables, Set<String> tablesInUse, Duration retryAfter) {
        public Settings {
            if (!(ordersPerMinute > 0)) {
                throw new IllegalArgumentException("orders per minute must be more than 0");
            }
            if (tables < 0) {
                throw new IllegalArgumentException("tables must not be negative");
            }
            tablesInUse = Set.copyOf(tablesInUse);
            Objects.requireNonNull(retryAfter);
        }
    }

    private final Restaurant restaurant;
    private final Menu menu;
    private final Dice dice;
    private final Settings settings;
    private final Timeline timeline = new Timeline();
    /** The orders the kitchen and the bar are making now, oldest first. */
    private final List<Ticket> preparing = new ArrayList<>();
    /** The guests at each table. */
    private final Map<String, Party> seated = new LinkedHashMap<>();

    public Service(Restaurant restaurant, Menu menu, long seed, Settings settings) {
        this.restaurant = Objects.requireNonNull(restaurant);
        this.menu = Objects.requireNonNull(menu);
        this.dice = new Dice(seed);
        this.settings = Objects.requireNonNull(settings);
    }

    /** Opens the doors: guests arrive at the tables over the first quarter of an hour, other orders start coming. */
    public void open() {
        for (int n = 1; n <= settings.tables(); n++) {
            String table = Integer.toString(n);
            if (!settings.tablesInUse().contains(table)) {
                timeline.after(dice.between(Duration.ZERO, ofMinutes(15)), () -> seat(table));
            }
        }
        nextCounterOrder();
        nextAlert();
    }

    /**
     * Closing time: the guests still at the tables pay and leave, so that the tables are free for the next service
     * (their orders are completed, wherever they were). The other orders stay as they are.
     */
    public void close() {
        for (Party party : List.copyOf(seated.values())) {
            if (party.hasOpenOrders()) {
                try {
                    restaurant.completeTable(party.table);
                } catch (RequestFailed e) {
                    if (e.status() == RequestFailed.NO_ANSWER) {
                        return;
                    }
                }
            }
        }
        seated.clear();
    }

    /** When the next step is due, in service time. */
    public Optional<Duration> nextStep() {
        return timeline.next();
    }

    /** Takes the next step: tells the restaurant what happens then, and decides what follows. */
    public void takeNextStep() {
        timeline.runNext();
    }

    // The dining room.

    private void seat(String table) {
        Party party = new Party(table, dice.pick(List.of(1, 2, 3, 4, 5, 6), List.of(10, 40, 15, 25, 6, 4)));
        seated.put(table, party);
        boolean drinksFirst = dice.chance(DRINKS_FIRST);
        if (drinksFirst) {
            Ticket drinks = forTable(party, lines(drinks(party.guests)), null);
            timeline.after(dice.between(ofMinutes(1), ofMinutes(3)), () -> place(drinks));
        }
        List<Dish> meal = new ArrayList<>();
        IntStream.range(0, dice.chance(0.2) ? 2 : dice.chance(0.5) ? 1 : 0)
                .forEach(i -> meal.add(dice.pick(menu.of(Course.STARTER))));
        for (int guest = 0; guest < party.guests; guest++) {
            meal.add(dice.pick(menu.of(Course.MAIN)));
            if (dice.chance(0.3)) {
                meal.add(dice.pick(menu.of(Course.SIDE)));
            }
        }
        if (!drinksFirst) {
            meal.addAll(drinks(party.guests));
        }
        String notes = dice.chance(0.1) ? dice.pick(List.of("birthday: bring dessert with a candle",
                "high chair needed", "guests in a hurry: everything at once")) : null;
        Ticket food = forTable(party, lines(meal), notes);
        timeline.after(dice.between(ofMinutes(4), ofMinutes(9)), () -> place(food));
    }

    private Ticket forTable(Party party, List<LineItem> items, String notes) {
        Ticket ticket = ticket(new OrderRequest(OrderType.DINE_IN, party.table, null, items, notes), party);
        party.tickets.add(ticket);
        return ticket;
    }

    /** Something changed for the party: once nothing is on its way to the table, the meal goes on. */
    private void whenServed(Party party) {
        if (!party.nothingPending()) {
            return;
        }
        if (!party.hasOrdersToClose()) {
            leave(party);
            return;
        }
        switch (party.stage) {
            case ORDERING -> {
                party.stage = Party.Stage.EATING;
                timeline.after(dice.between(ofMinutes(12), ofMinutes(25)), () -> afterTheMeal(party));
            }
            case DESSERT -> timeline.after(dice.between(ofMinutes(6), ofMinutes(12)), () -> pay(party));
            default -> {
            }
        }
    }

    private void afterTheMeal(Party party) {
        if (dice.chance(DESSERT)) {
            party.stage = Party.Stage.DESSERT;
            List<Dish> dessert = new ArrayList<>();
            for (int guest = 0; guest < party.guests; guest++) {
                if (guest == 0 || dice.chance(0.6)) {
                    dessert.add(dice.pick(menu.of(Course.DESSERT)));
                }
                if (dice.chance(0.4)) {
                    dessert.add(dice.pick(List.of(menu.dish("espresso"), menu.dish("cappuccino"))));
                }
            }
            Ticket ticket = forTable(party, lines(dessert), null);
            timeline.after(dice.between(ofMinutes(1), ofMinutes(3)), () -> place(ticket));
        } else {
            timeline.after(dice.between(ofMinutes(2), ofMinutes(6)), () -> pay(party));
        }
    }

    /** The guests pay and leave: the table is completed. */
    private void pay(Party party) {
        party.stage = Party.Stage.PAYING;
        try {
            restaurant.completeTable(party.table);
            party.tickets.stream().filter(t -> !t.lost && t.status == READY).forEach(t -> t.status = COMPLETED);
        } catch (RequestFailed e) {
            if (e.isRateLimit()) {
                timeline.after(settings.retryAfter(), () -> pay(party));
                return;
            }
        }
        leave(party);
    }

    /** The table is cleared and laid again, then the next guests sit down. */
    private void leave(Party party) {
        seated.remove(party.table);
        timeline.after(dice.between(ofMinutes(2), ofMinutes(5)).plus(dice.between(Duration.ZERO, ofMinutes(10))),
                () -> seat(party.table));
    }

    // Takeout, delivery, online, drive-thru and kiosk.

    private void nextCounterOrder() {
        double diningRoom = settings.tables() * ORDERS_PER_TABLE_AND_MINUTE;
        double perMinute = Math.max(settings.ordersPerMinute() - diningRoom, settings.ordersPerMinute() * 0.2);
        timeline.after(dice.untilNext(perMinute), () -> {
            place(counterOrder());
            nextCounterOrder();
        });
    }

    private Ticket counterOrder() {
        OrderType type = dice.pick(List.of(OrderType.TAKEOUT, OrderType.DELIVERY, OrderType.ONLINE,
                OrderType.DRIVE_THRU, OrderType.KIOSK), List.of(30, 25, 15, 20, 10));
        List<Dish> dishes = new ArrayList<>();
        String notes = null;
        switch (type) {
            case DRIVE_THRU -> {
                for (int i = dice.between(1, 3); i > 0; i--) {
                    dishes.add(dice.pick(List.of(menu.dish("burger"), menu.dish("fish-tacos"), menu.dish("pizza"))));
                    dishes.add(dice.pick(List.of(menu.dish("fries"), menu.dish("lemonade"), menu.dish("iced-tea"))));
                }
            }
            case KIOSK -> {
                for (int i = dice.between(1, 2); i > 0; i--) {
                    dishes.add(dice.pick(menu.of(Course.MAIN)));
                }
                dishes.add(dice.pick(List.of(menu.dish("lemonade"), menu.dish("iced-tea"))));
            }
            default -> {
                for (int i = dice.between(1, type == OrderType.TAKEOUT ? 3 : 4); i > 0; i--) {
                    dishes.add(dice.pick(menu.of(Course.MAIN)));
                    if (dice.chance(0.4)) {
                        dishes.add(dice.pick(menu.of(Course.SIDE)));
                    }
                }
                if (dice.chance(0.25)) {
                    dishes.add(dice.pick(menu.of(type == OrderType.DELIVERY ? Course.DESSERT : Course.STARTER)));
                }
                notes = switch (type) {
                    case DELIVERY -> dice.chance(0.5) ? dice.pick(List.of("ring twice", "leave it at the door",
                            "3rd floor, no elevator", "contactless, please")) : null;
                    case ONLINE -> dice.chance(0.2) ? "paid online: pick up at the side door" : null;
                    default -> dice.chance(0.15) ? dice.pick(List.of("extra napkins", "no cutlery")) : null;
                };
            }
        }
        String customer = dice.pick(FIRST_NAMES) + " " + (char) ('A' + dice.between(0, 25)) + ".";
        return ticket(new OrderRequest(type, null, customer, lines(dishes), notes), null);
    }

    // Any order, from being decided to being done.

    private Ticket ticket(OrderRequest request, Party party) {
        Duration making = request.items().stream().map(item -> item.dish().makingTime(dice))
                .max(Duration::compareTo).orElse(ofMinutes(1))
                .plus(ofSeconds(30L * (request.items().size() - 1)));
        OrderStatus cancelledWhen = null;
        String reason = null;
        if (dice.chance(CANCELLATIONS)) {
            List<OrderStatus> before = Ticket.path(request.type()).stream()
                    .filter(s -> s == NEW || s == PENDING || s == CONFIRMED || s == PREPARING).toList();
            cancelledWhen = dice.pick(before);
            reason = cancellationReason(request, cancelledWhen);
        }
        Amendment amendment = null;
        if (dice.chance(AMENDMENTS)) {
            amendment = request.type() == OrderType.DELIVERY
                    ? new Amendment(null, "customer called: leave it with the doorman")
                    : new Amendment(with(request.items(), lines(List.of(dice.pick(request.type() == OrderType.DINE_IN
                    ? List.of(menu.dish("fries"), menu.dish("ipa"), menu.dish("lemonade"))
                    : List.of(menu.dish("lemonade"), menu.dish("iced-tea")))))), null);
        }
        return new Ticket(request, party, making, cancelledWhen, reason, amendment);
    }

    private String cancellationReason(OrderRequest request, OrderStatus when) {
        String outOf = "out of stock: " + request.items().get(dice.between(0, request.items().size() - 1))
                .dish().name();
        return switch (when) {
            case NEW -> dice.pick(List.of("customer changed their mind", "duplicate order"));
            case PENDING -> dice.pick(List.of("payment declined", "payment not confirmed in time"));
            case CONFIRMED -> request.type() == OrderType.DELIVERY && dice.chance(0.5)
                    ? "no courier available for the address" : outOf;
            default -> dice.chance(0.5) ? outOf : "customer cancelled: waited too long";
        };
    }

    private void place(Ticket ticket) {
        PlacedOrder placed;
        try {
            placed = restaurant.placeOrder(ticket.request);
        } catch (RequestFailed e) {
            failed(ticket, e, () -> place(ticket));
            return;
        }
        ticket.id = placed.id();
        ticket.number = placed.orderNumber();
        ticket.status = NEW;
        timeline.after(timeIn(ticket), () -> advance(ticket));
    }

    /** The order's next step: a change asked for, its cancellation, or its next status. */
    private void advance(Ticket ticket) {
        if (ticket.amendment != null) {
            amend(ticket);
        } else if (ticket.status == ticket.cancelledWhen) {
            cancel(ticket);
        } else {
            changeStatus(ticket, ticket.next());
        }
    }

    private void amend(Ticket ticket) {
        try {
            restaurant.amendOrder(ticket.id, ticket.amendment);
        } catch (RequestFailed e) {
            if (e.isRateLimit()) {
                timeline.after(settings.retryAfter(), () -> advance(ticket));
                return;
            }
        }
        ticket.amendment = null;
        timeline.after(dice.between(ofSeconds(10), ofSeconds(40)), () -> advance(ticket));
    }

    private void changeStatus(Ticket ticket, OrderStatus next) {
        try {
            restaurant.changeStatus(ticket.id, next);
        } catch (RequestFailed e) {
            failed(ticket, e, () -> advance(ticket));
            return;
        }
        ticket.status = next;
        if (next == PREPARING) {
            preparing.add(ticket);
        } else if (next == READY) {
            preparing.remove(ticket);
        }
        if (ticket.party != null && next == READY) {
            whenServed(ticket.party);
        } else if (next != COMPLETED) {
            timeline.after(timeIn(ticket), () -> advance(ticket));
        }
    }

    private void cancel(Ticket ticket) {
        try {
            restaurant.cancelOrder(ticket.id, ticket.cancellationReason);
        } catch (RequestFailed e) {
            failed(ticket, e, () -> advance(ticket));
            return;
        }
        ticket.status = CANCELLED;
        settled(ticket);
    }

    /** A 429 is asked again later; after any other failure the order is left alone. */
    private void failed(Ticket ticket, RequestFailed failure, Runnable again) {
        if (failure.isRateLimit()) {
            timeline.after(settings.retryAfter(), again);
        } else {
            ticket.lost = true;
            settled(ticket);
        }
    }

    private void settled(Ticket ticket) {
        preparing.remove(ticket);
        if (ticket.party != null) {
            whenServed(ticket.party);
        }
    }

    /** How long the order stays in its status before its next step. */
    private Duration timeIn(Ticket ticket) {
        return switch (ticket.status) {
            case NEW -> ticket.next() == PENDING ? dice.between(ofSeconds(2), ofSeconds(10))
                    : dice.between(ofSeconds(10), ofSeconds(45));
            case PENDING -> dice.between(ofSeconds(10), ofSeconds(60));
            case CONFIRMED -> ticket.drinksOnly() ? dice.between(ofSeconds(10), ofSeconds(60))
                    : dice.between(ofSeconds(30), ofMinutes(3));
            case PREPARING -> ticket.makingTime;
            case READY -> switch (ticket.type()) {
                case DRIVE_THRU -> dice.between(ofSeconds(20), ofSeconds(60));
                case KIOSK -> dice.between(ofMinutes(1), ofMinutes(4));
                case DELIVERY -> dice.between(ofMinutes(3), ofMinutes(10));
                case ONLINE -> dice.between(ofMinutes(3), ofMinutes(12));
                default -> dice.between(ofMinutes(2), ofMinutes(10));
            };
            case PICKED_UP -> ticket.type() == OrderType.DELIVERY ? dice.between(ofMinutes(10), ofMinutes(25))
                    : dice.between(ofSeconds(5), ofSeconds(30));
            default -> throw new IllegalStateException("order " + ticket.number + " is " + ticket.status);
        };
    }

    // The kitchen's alerts.

    private void nextAlert() {
        double perMinute = Math.max(ALERTS_PER_MINUTE_AT_LEAST, settings.ordersPerMinute() * ALERTS_PER_ORDER);
        timeline.after(dice.untilNext(perMinute), () -> {
            raise(alert());
            nextAlert();
        });
    }

    private Alert alert() {
        if (!preparing.isEmpty() && dice.chance(0.5)) {
            Ticket ticket = dice.pick(preparing);
            String table = ticket.request.table();
            String order = "order " + ticket.shortNumber() + (table == null ? "" : " (table " + table + ")");
            Dish dish = dice.pick(ticket.items()).dish();
            return switch (dice.between(1, 3)) {
                case 1 -> new Alert(KitchenAlert.Type.URGENT, "Allergy on " + order + ": " + dish.name()
                        + " must be nut-free", 5, ticket.id, table, null);
                case 2 -> new Alert(KitchenAlert.Type.WARNING, capitalized(order) + " is running late: fire it now",
                        3, ticket.id, table, dish.station());
                default -> new Alert(KitchenAlert.Type.WARNING, "Refire " + dish.name() + " for " + order
                        + ": sent back", 3, ticket.id, table, dish.station());
            };
        }
        return dice.pick(List.of(
                new Alert(KitchenAlert.Type.WARNING, "86 " + dice.pick(menu.of(Course.MAIN)).name()
                        + ": out of stock for tonight", 4, null, null, null),
                new Alert(KitchenAlert.Type.INFO, "Bar is out of limes", 2, null, null, Station.BAR),
                new Alert(KitchenAlert.Type.INFO, "Fryer 2 down for cleaning: fries take 5 minutes longer", 2, null,
                        null, Station.KITCHEN),
                new Alert(KitchenAlert.Type.INFO, "Runner needed at the pass", 1, null, null, Station.EXPO),
                new Alert(KitchenAlert.Type.URGENT, "Walk-in cooler at 8 °C: check the door", 4, null, null, null),
                new Alert(KitchenAlert.Type.INFO, "Party of 12 arriving in 20 minutes", 2, null, null, null)));
    }

    private void raise(Alert alert) {
        try {
            restaurant.raiseAlert(alert);
        } catch (RequestFailed e) {
            if (e.isRateLimit()) {
                timeline.after(settings.retryAfter(), () -> raise(alert));
            }
        }
    }

    // What is ordered.

    private List<Dish> drinks(int guests) {
        return IntStream.range(0, guests).mapToObj(i -> dice.pick(menu.of(Course.DRINK))).toList();
    }

    /** The lines of an order: each dish as a guest wants it; the same dish wanted the same way is one line. */
    private List<LineItem> lines(List<Dish> dishes) {
        Map<List<Object>, LineItem> lines = new LinkedHashMap<>();
        for (Dish dish : dishes) {
            List<Extra> extras = new ArrayList<>();
            if (!dish.extras().isEmpty() && dice.chance(0.35)) {
                extras.add(dice.pick(dish.extras()));
                Extra another = dice.pick(dish.extras());
                if (dice.chance(0.25) && !extras.contains(another)) {
                    extras.add(another);
                }
            }
            String instructions = !dish.requests().isEmpty() && dice.chance(0.15) ? dice.pick(dish.requests()) : null;
            lines.merge(Arrays.asList(dish, extras, instructions), new LineItem(dish, 1, extras, instructions),
                    (line, same) -> new LineItem(dish, line.quantity() + 1, extras, instructions));
        }
        return List.copyOf(lines.values());
    }

    private static List<LineItem> with(List<LineItem> items, List<LineItem> more) {
        List<LineItem> all = new ArrayList<>(items);
        all.addAll(more);
        return all;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
