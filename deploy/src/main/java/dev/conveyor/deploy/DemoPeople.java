package dev.conveyor.deploy;

import java.util.random.RandomGenerator;

/** Made-up people for the demo's customers and patients (pioneers of computing, at example.com). */
final class DemoPeople {

    private static final String[] FIRST = {"Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Dennis", "Frances",
            "Ken", "Radia", "Tim", "Hedy", "Donald", "Edsger", "Katherine", "John"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Liskov", "Ritchie",
            "Allen", "Thompson", "Perlman", "Berners-Lee", "Lamarr", "Knuth", "Dijkstra", "Johnson", "Backus"};

    private DemoPeople() {
    }

    static String name(RandomGenerator random) {
        return FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
    }

    /** A number in the range reserved for fiction (+1 555 0100 to 0199). */
    static String phone(RandomGenerator random) {
        return "+1555" + "01" + String.format("%02d", random.nextInt(100));
    }

    static String email(String name) {
        return name.toLowerCase().replace(" ", ".").replace("-", "") + "@example.com";
    }
}
