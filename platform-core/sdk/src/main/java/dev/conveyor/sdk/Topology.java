package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stages joined by queues. The queues are those the stages consume and emit to. A queue read by several stages fans
 * out: every message reaches each of them. A queue no stage emits to is an entry queue, where messages come in from
 * outside (through an {@link IngestRoute}).
 */
public record Topology(List<Stage<?>> stages) {

    public Topology {
        stages = List.copyOf(requireNonNull(stages, "stages is null"));
        List<String> problems = problems(stages);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid topology: " + String.join("; ", problems));
        }
    }

    public static Topology of(Stage<?>... stages) {
        return new Topology(List.of(stages));
    }

    /** Every queue, in the order the stages first name them. */
    public List<Queue<?>> queues() {
        Map<String, Queue<?>> byName = new LinkedHashMap<>();
        for (Stage<?> stage : stages) {
            byName.putIfAbsent(stage.consumes().name(), stage.consumes());
            stage.emits().forEach(queue -> byName.putIfAbsent(queue.name(), queue));
        }
        return List.copyOf(byName.values());
    }

    public Optional<Queue<?>> queue(String name) {
        return queues().stream().filter(queue -> queue.name().equals(name)).findFirst();
    }

    public Optional<Stage<?>> stage(String name) {
        return stages.stream().filter(stage -> stage.name().equals(name)).findFirst();
    }

    /** The stages that consume {@code queue}, in declaration order. */
    public List<Stage<?>> subscribers(String queue) {
        return stages.stream().filter(stage -> stage.consumes().name().equals(queue)).toList();
    }

    /** Queues no stage emits to: where messages enter the topology from outside. */
    public boolean isEntryQueue(String queue) {
        return stages.stream().noneMatch(stage -> stage.emitsTo(queue));
    }

    private static List<String> problems(List<Stage<?>> stages) {
        List<String> problems = new ArrayList<>();
        Set<String> stageNames = new HashSet<>();
        Map<String, Queue<?>> queues = new LinkedHashMap<>();
        for (Stage<?> stage : stages) {
            if (!stageNames.add(stage.name())) {
                problems.add("stage '" + stage.name() + "' is declared twice");
            }
            List<Queue<?>> named = new ArrayList<>(stage.emits());
            named.add(stage.consumes());
            for (Queue<?> queue : named) {
                Queue<?> known = queues.putIfAbsent(queue.name(), queue);
                if (known != null && !known.equals(queue)) {
                    problems.add("queue '" + queue.name() + "' is declared with two message types ("
                            + known.messageType().name() + ", " + queue.messageType().name() + ")");
                }
            }
        }
        for (Queue<?> queue : queues.values()) {
            if (stages.stream().noneMatch(stage -> stage.consumes().name().equals(queue.name()))) {
                problems.add("queue '" + queue.name() + "' has no stage consuming it (stages emit to it, none reads it)");
            }
        }
        return problems;
    }
}
