package dev.conveyor.server.console.pipeline;

import dev.conveyor.engine.tenant.TopologyView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's topology as a layered drawing, left to right: queues and stages alternate in columns (a queue, the stages
 * consuming it, the queues they emit to, ...), so a queue consumed by two stages visibly fans out. Layers are longest
 * paths from the entry queues with the edges that close a cycle (a stage emitting to the queue it consumes, for a
 * retry) left out and drawn as loops below; within a column, nodes are ordered by the mean position of what feeds them,
 * which keeps crossings few for topologies of this size. Sizes are in SVG user units; the page scales the drawing.
 * Public only for the template's expressions.
 */
public record PipelineGraph(List<Node> nodes, List<Edge> edges, int width, int height) {

    static final int QUEUE_WIDTH = 150;
    static final int QUEUE_HEIGHT = 40;
    static final int STAGE_WIDTH = 180;
    static final int STAGE_HEIGHT = 104;
    static final int COLUMN_GAP = 44;
    static final int ROW_GAP = 22;
    static final int MARGIN = 12;
    /** Room below the nodes for the loops of edges that go back. */
    static final int LOOP_ROOM = 34;

    public enum Kind { QUEUE, STAGE }

    /** One box: {@code id} is unique in the drawing and usable in HTML ids ({@code q-...} or {@code s-...}). */
    public record Node(String id, Kind kind, String name, int layer, int x, int y, int width, int height) {

        public boolean stage() {
            return kind == Kind.STAGE;
        }

        public int centreX() {
            return x + width / 2;
        }
    }

    /** An arrow: {@code path} is an SVG path; {@code back} when it closes a cycle; {@code label} for its title. */
    public record Edge(String from, String to, String path, boolean back, String label) {
    }

    static PipelineGraph of(List<TopologyView.Stage> stages) {
        // Nodes and edges in declaration order: queue -> stage (consumes), stage -> queue (emits).
        Map<String, Kind> kinds = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, List<String>> in = new HashMap<>();
        for (TopologyView.Stage stage : stages) {
            String stageId = "s-" + slug(stage.name());
            String consumed = queue(stage.consumes(), kinds, names);
            kinds.put(stageId, Kind.STAGE);
            names.put(stageId, stage.name());
            link(consumed, stageId, out, in);
            for (String emitted : stage.emits()) {
                link(stageId, queue(emitted, kinds, names), out, in);
            }
        }
        kinds.keySet().forEach(id -> out.computeIfAbsent(id, k -> new ArrayList<>()));

        // Edges closing a cycle, found by a depth-first walk from the entry queues (then from anything left).
        Set<String> backEdges = new HashSet<>();
        Set<String> done = new HashSet<>();
        List<String> starts = new ArrayList<>(kinds.keySet().stream().filter(id -> in.getOrDefault(id, List.of()).isEmpty()).toList());
        starts.addAll(kinds.keySet());
        for (String start : starts) {
            walk(start, out, new HashSet<>(), done, backEdges);
        }

        // Longest path over the remaining edges.
        Map<String, Integer> layer = new HashMap<>();
        for (String id : kinds.keySet()) {
            layerOf(id, in, backEdges, layer);
        }
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;

        // Columns, ordered by the mean row of their predecessors.
        List<List<String>> columns = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            columns.add(new ArrayList<>());
        }
        kinds.keySet().forEach(id -> columns.get(layer.get(id)).add(id));
        Map<String, Double> row = new HashMap<>();
        for (List<String> column : columns) {
            Map<String, Double> key = new HashMap<>();
            for (int i = 0; i < column.size(); i++) {
                String id = column.get(i);
                double fallback = i;
                key.put(id, in.getOrDefault(id, List.of()).stream().filter(from -> !backEdges.contains(from + ">" + id))
                        .mapToDouble(from -> row.getOrDefault(from, fallback)).average().orElse(fallback));
            }
            column.sort(Comparator.comparingDouble(key::get));
            for (int i = 0; i < column.size(); i++) {
                row.put(column.get(i), (double) i);
            }
        }

        // Positions: columns left to right, each centred vertically.
        int tallest = 0;
        for (List<String> column : columns) {
            int height = 0;
            for (String id : column) {
                height += heightOf(kinds.get(id)) + ROW_GAP;
            }
            tallest = Math.max(tallest, height - ROW_GAP);
        }
        boolean anyBack = !backEdges.isEmpty();
        Map<String, Node> nodes = new LinkedHashMap<>();
        int x = MARGIN;
        for (int i = 0; i < columns.size(); i++) {
            List<String> column = columns.get(i);
            int columnWidth = column.stream().mapToInt(id -> widthOf(kinds.get(id))).max().orElse(QUEUE_WIDTH);
            int height = column.stream().mapToInt(id -> heightOf(kinds.get(id)) + ROW_GAP).sum() - ROW_GAP;
            int y = MARGIN + (tallest - height) / 2;
            for (String id : column) {
                Kind kind = kinds.get(id);
                int width = widthOf(kind);
                nodes.put(id, new Node(id, kind, names.get(id), i, x + (columnWidth - width) / 2, y, width, heightOf(kind)));
                y += heightOf(kind) + ROW_GAP;
            }
            x += columnWidth + COLUMN_GAP;
        }
        int width = x - COLUMN_GAP + MARGIN;
        int height = MARGIN + tallest + (anyBack ? LOOP_ROOM : 0) + MARGIN;

        List<Edge> edges = new ArrayList<>();
        out.forEach((from, targets) -> {
            for (String to : targets) {
                Node source = nodes.get(from);
                Node target = nodes.get(to);
                boolean back = backEdges.contains(from + ">" + to);
                String label = source.stage() ? source.name() + " emits to " + target.name()
                        : target.name() + " consumes " + source.name();
                edges.add(new Edge(from, to, back ? loop(source, target) : curve(source, target), back, label));
            }
        });
        return new PipelineGraph(List.copyOf(nodes.values()), List.copyOf(edges), width, height);
    }

    /** The stage nodes, in the order the topology declares them. */
    List<Node> stageNodes() {
        return nodes.stream().filter(Node::stage).toList();
    }

    private static String curve(Node source, Node target) {
        int x1 = source.x() + source.width();
        int y1 = source.y() + source.height() / 2;
        int x2 = target.x();
        int y2 = target.y() + target.height() / 2;
        int bend = (x2 - x1) / 2;
        return String.format(Locale.ROOT, "M%d %d C%d %d %d %d %d %d", x1, y1, x1 + bend, y1, x2 - bend, y2, x2 - 2, y2);
    }

    /** Back under both boxes, from the bottom of the source to the bottom of the target. */
    private static String loop(Node source, Node target) {
        int x1 = source.centreX();
        int y1 = source.y() + source.height();
        int x2 = target.centreX();
        int y2 = target.y() + target.height();
        int below = Math.max(y1, y2) + LOOP_ROOM - 6;
        return String.format(Locale.ROOT, "M%d %d C%d %d %d %d %d %d", x1, y1, x1, below, x2, below, x2, y2 + 2);
    }

    private static void walk(String id, Map<String, List<String>> out, Set<String> onPath, Set<String> done,
            Set<String> backEdges) {
        if (done.contains(id)) {
            return;
        }
        onPath.add(id);
        for (String next : out.get(id)) {
            if (onPath.contains(next)) {
                backEdges.add(id + ">" + next);
            } else {
                walk(next, out, onPath, done, backEdges);
            }
        }
        onPath.remove(id);
        done.add(id);
    }

    private static int layerOf(String id, Map<String, List<String>> in, Set<String> backEdges, Map<String, Integer> layer) {
        Integer known = layer.get(id);
        if (known != null) {
            return known;
        }
        int deepest = -1;
        for (String from : in.getOrDefault(id, List.of())) {
            if (!backEdges.contains(from + ">" + id)) {
                deepest = Math.max(deepest, layerOf(from, in, backEdges, layer));
            }
        }
        layer.put(id, deepest + 1);
        return deepest + 1;
    }

    private static String queue(String name, Map<String, Kind> kinds, Map<String, String> names) {
        String id = "q-" + slug(name);
        kinds.putIfAbsent(id, Kind.QUEUE);
        names.put(id, name);
        return id;
    }

    private static void link(String from, String to, Map<String, List<String>> out, Map<String, List<String>> in) {
        List<String> targets = out.computeIfAbsent(from, k -> new ArrayList<>());
        if (!targets.contains(to)) {
            targets.add(to);
            in.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
        }
    }

    private static int widthOf(Kind kind) {
        return kind == Kind.STAGE ? STAGE_WIDTH : QUEUE_WIDTH;
    }

    private static int heightOf(Kind kind) {
        return kind == Kind.STAGE ? STAGE_HEIGHT : QUEUE_HEIGHT;
    }

    /** A name as an id part: letters, digits and dashes (stage and queue names are of these already). */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    /** Every distinct name, for the description. */
    static Set<String> names(List<Node> nodes, Kind kind) {
        Set<String> result = new LinkedHashSet<>();
        nodes.stream().filter(node -> node.kind() == kind).forEach(node -> result.add(node.name()));
        return result;
    }
}
