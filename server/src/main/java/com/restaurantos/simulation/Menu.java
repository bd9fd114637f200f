package com.restaurantos.simulation;

import com.restaurantos.orders.Station;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the simulated restaurant sells: a casual dining menu, each dish with its station, its price, how long it
 * takes to make, and what guests like to change about it.
 */
public record Menu(List<Dish> dishes) {

    /** Where a dish belongs in a meal. */
    public enum Course {
        DRINK, STARTER, MAIN, SIDE, DESSERT
    }

    /**
     * A modifier a guest may ask for.
     *
     * @param price nullable: a free modifier ("no onions")
     */
    public record Extra(String name, BigDecimal price) {
        public Extra {
            Objects.requireNonNull(name);
        }

        static Extra free(String name) {
            return new Extra(name, null);
        }

        static Extra paid(String name, String price) {
            return new Extra(name, new BigDecimal(price));
        }
    }

    /**
     * One dish of the menu.
     *
     * @param id       the menu item id sent with orders
     * @param extras   modifiers guests may ask for
     * @param requests special instructions guests may give
     */
    public record Dish(String id, String name, Course course, Station station, BigDecimal price, Duration fastest,
                       Duration slowest, List<Extra> extras, List<String> requests) {
        /** How long this one takes to make this time. */
        Duration makingTime(Dice dice) {
            return dice.between(fastest, slowest);
        }
    }

    public Menu {
        dishes = List.copyOf(dishes);
    }

    public List<Dish> of(Course course) {
        return dishes.stream().filter(d -> d.course() == course).toList();
    }

    /** The dish of the menu with this id. */
    public Dish dish(String id) {
        return dishes.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dish " + id));
    }

    /** The menu of the simulation. */
    public static Menu casualDining() {
        return new Menu(List.of(
                drink("ipa", "Draft IPA", "7.00", 1, 2),
                drink("house-red", "Glass of house red", "9.50", 1, 2),
                dish("margarita", "Margarita", Course.DRINK, Station.BAR, "11.00", 2, 4,
                        List.of(Extra.free("salt rim"), Extra.free("frozen"), Extra.paid("top-shelf tequila", "3.00")),
                        List.of("light on the ice")),
                drink("lemonade", "Fresh lemonade", "4.00", 1, 2),
                drink("iced-tea", "Iced tea", "3.50", 1, 1),
                dish("espresso", "Espresso", Course.DRINK, Station.BAR, "3.25", 1, 2,
                        List.of(Extra.free("double shot")), List.of()),
                dish("cappuccino", "Cappuccino", Course.DRINK, Station.BAR, "4.50", 2, 3,
                        List.of(Extra.paid("oat milk", "0.75"), Extra.free("extra hot")), List.of()),

                dish("bread", "Bread basket", Course.STARTER, Station.EXPO, "4.00", 1, 2,
                        List.of(Extra.paid("olive tapenade", "2.00")), List.of()),
                dish("chips-salsa", "Chips & salsa", Course.STARTER, Station.EXPO, "5.50", 1, 2,
                        List.of(Extra.paid("guacamole", "2.50")), List.of()),
                dish("calamari", "Crispy calamari", Course.STARTER, Station.KITCHEN, "12.50", 6, 9,
                        List.of(Extra.free("extra lemon")), List.of("aioli on the side")),
                dish("soup", "Tomato soup", Course.STARTER, Station.KITCHEN, "8.00", 3, 5,
                        List.of(Extra.paid("grilled cheese croutons", "2.00")), List.of()),
                dish("caesar", "Caesar salad", Course.STARTER, Station.KITCHEN, "11.00", 4, 6,
                        List.of(Extra.paid("add grilled chicken", "4.50"), Extra.free("no croutons")),
                        List.of("dressing on the side")),
                dish("wings", "Buffalo wings", Course.STARTER, Station.KITCHEN, "13.00", 10, 14,
                        List.of(Extra.free("extra hot"), Extra.paid("blue cheese dip", "1.00")), List.of()),

                dish("burger", "Classic burger", Course.MAIN, Station.KITCHEN, "15.50", 10, 14,
                        List.of(Extra.paid("bacon", "2.00"), Extra.paid("cheddar", "1.50"), Extra.free("no onions"),
                                Extra.free("medium rare"), Extra.free("well done")),
                        List.of("gluten-free bun", "allergy: sesame, no seeded bun")),
                dish("salmon", "Grilled salmon", Course.MAIN, Station.KITCHEN, "24.00", 12, 16,
                        List.of(Extra.free("no butter"), Extra.paid("extra vegetables", "3.00")),
                        List.of("sauce on the side")),
                dish("pizza", "Margherita pizza", Course.MAIN, Station.KITCHEN, "16.00", 8, 11,
                        List.of(Extra.paid("extra mozzarella", "2.00"), Extra.paid("gluten-free crust", "3.00"),
                                Extra.free("well done")),
                        List.of("cut in squares for the kids")),
                dish("tikka", "Chicken tikka masala", Course.MAIN, Station.KITCHEN, "19.50", 12, 15,
                        List.of(Extra.free("extra spicy"), Extra.free("mild"), Extra.paid("garlic naan", "3.50")),
                        List.of("allergy: nuts")),
                dish("ribeye", "Ribeye steak", Course.MAIN, Station.KITCHEN, "34.00", 15, 20,
                        List.of(Extra.free("medium rare"), Extra.free("medium"), Extra.free("well done"),
                                Extra.paid("peppercorn sauce", "2.50")),
                        List.of()),
                dish("risotto", "Mushroom risotto", Course.MAIN, Station.KITCHEN, "18.00", 16, 20,
                        List.of(Extra.paid("truffle oil", "4.00")), List.of("vegan: no butter, no parmesan")),
                dish("fish-tacos", "Fish tacos", Course.MAIN, Station.KITCHEN, "14.00", 9, 12,
                        List.of(Extra.free("no cilantro"), Extra.free("corn tortillas")), List.of()),

                dish("fries", "Fries", Course.SIDE, Station.KITCHEN, "5.00", 5, 7,
                        List.of(Extra.paid("truffle parmesan", "2.00")), List.of("extra crispy")),
                dish("side-salad", "Side salad", Course.SIDE, Station.KITCHEN, "5.50", 2, 4,
                        List.of(Extra.free("vinaigrette")), List.of()),

                dish("lava-cake", "Chocolate lava cake", Course.DESSERT, Station.KITCHEN, "9.00", 10, 12,
                        List.of(Extra.paid("vanilla ice cream", "2.00")), List.of("candle: it's a birthday")),
                dish("cheesecake", "New York cheesecake", Course.DESSERT, Station.KITCHEN, "8.00", 2, 3,
                        List.of(Extra.paid("extra berries", "1.50")), List.of()),
                dish("tiramisu", "Tiramisu", Course.DESSERT, Station.KITCHEN, "8.50", 2, 3,
                        List.of(), List.of())));
    }

    private static Dish drink(String id, String name, String price, int fastestMinutes, int slowestMinutes) {
        return dish(id, name, Course.DRINK, Station.BAR, price, fastestMinutes, slowestMinutes, List.of(), List.of());
    }

    private static Dish dish(String id, String name, Course course, Station station, String price,
                             int fastestMinutes, int slowestMinutes, List<Extra> extras, List<String> requests) {
        return new Dish(id, name, course, station, new BigDecimal(price), Duration.ofMinutes(fastestMinutes),
                Duration.ofMinutes(slowestMinutes), extras, requests);
    }
}
