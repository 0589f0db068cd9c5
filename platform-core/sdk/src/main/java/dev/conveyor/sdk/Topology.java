package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Logical queues joined by stages. A stage consumes exactly one queue and declares the queues it may emit
 * to. A queue read by several stages fans out: every message reaches each of them.
 */
public record Topology(List<QueueDefinition> queues, List<StageDefinition> stages) {

    public Topology {
        queues = List.copyOf(requireNonNull(queues, "queues is null"));
        stages = List.copyOf(requireNonNull(stages, "stages is null"));
        List<String> problems = problems(queues, stages);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid topology: " + String.join("; ", problems));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<QueueDefinition> queue(String name) {
        return queues.stream().filter(queue -> queue.name().equals(name)).findFirst();
    }

    public Optional<StageDefinition> stage(String name) {
        return stages.stream().filter(stage -> stage.name().equals(name)).findFirst();
    }

    /** The stages that consume {@code queue}, in declaration order. */
    public List<StageDefinition> subscribers(String queue) {
        return stages.stream().filter(stage -> stage.consumes().equals(queue)).toList();
    }

    /** Queues no stage emits to: where messages enter the topology from outside. */
    public boolean isEntryQueue(String queue) {
        return stages.stream().noneMatch(stage -> stage.emits().contains(queue));
    }

    private static List<String> problems(List<QueueDefinition> queues, List<StageDefinition> stages) {
        List<String> problems = new ArrayList<>();
        Map<String, QueueDefinition> byName = new LinkedHashMap<>();
        for (QueueDefinition queue : queues) {
            if (byName.put(queue.name(), queue) != null) {
                problems.add("queue '" + queue.name() + "' is declared twice");
            }
        }
        Set<String> stageNames = new java.util.HashSet<>();
        for (StageDefinition stage : stages) {
            if (!stageNames.add(stage.name())) {
                problems.add("stage '" + stage.name() + "' is declared twice");
            }
            if (!byName.containsKey(stage.consumes())) {
                problems.add("stage '" + stage.name() + "' consumes undeclared queue '" + stage.consumes()
                        + "' (queues: " + String.join(", ", byName.keySet()) + ")");
            }
            for (String emitted : stage.emits()) {
                if (!byName.containsKey(emitted)) {
                    problems.add("stage '" + stage.name() + "' emits to undeclared queue '" + emitted
                            + "' (queues: " + String.join(", ", byName.keySet()) + ")");
                }
            }
        }
        for (QueueDefinition queue : queues) {
            if (stages.stream().noneMatch(stage -> stage.consumes().equals(queue.name()))) {
                problems.add("queue '" + queue.name() + "' has no stage consuming it");
            }
        }
        return problems;
    }

    public static final class Builder {
        private final List<QueueDefinition> queues = new ArrayList<>();
        private final List<StageDefinition> stages = new ArrayList<>();

        public Builder queue(String name, MessageType<?> messageType) {
            queues.add(new QueueDefinition(name, messageType));
            return this;
        }

        public Builder stage(StageDefinition stage) {
            stages.add(stage);
            return this;
        }

        public Topology build() {
            return new Topology(queues, stages);
        }
    }
}
