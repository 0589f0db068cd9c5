package dev.conveyor.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart as {@code helm template} renders it, each document parsed strictly as a Kubernetes object: a kind the
 * model knows is typed and may not carry a field the API does not have (fabric8 keeps those aside as "additional
 * properties", so any is an error here); only KEDA's kinds, which the model does not know, stay generic.
 */
final class RenderedChart {

    static final Path CHART = Path.of("conveyor").toAbsolutePath();
    static final String RELEASE = "conveyor";
    static final String NAMESPACE = "orders";

    private static final Set<String> GENERIC_KINDS = Set.of("ScaledObject", "TriggerAuthentication", "SecretProviderClass");
    private static final Pattern DOCUMENTS = Pattern.compile("(?m)^---\\s*$");

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = List.copyOf(objects);
    }

    /**
     * Renders the chart with the given values file (null for values.yaml alone) and further settings, hooks included.
     * helm-java's template answers the release's manifest only, without its hooks (which {@code helm template}
     * prints), so it renders a copy of the chart whose hook annotations carry another name, and names them back.
     */
    static RenderedChart render(String valuesFile, UnaryOperator<TemplateCommand> settings) {
        TemplateCommand template = new Helm(HOOKS_AS_MANIFESTS).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0");
        if (valuesFile != null) {
            template = template.withValuesFile(CHART.resolve(valuesFile));
        }
        return parse(settings.apply(template).call().replace(RENAMED_HOOK, HOOK));
    }

    private static final String HOOK = "helm.sh/hook";
    private static final String RENAMED_HOOK = "rendered.conveyor.dev/hook";
    private static final Path HOOKS_AS_MANIFESTS = copyWithRenamedHooks();

    private static Path copyWithRenamedHooks() {
        try {
            Path copy = Files.createTempDirectory("conveyor-chart-");
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(CHART.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.writeString(target, Files.readString(file).replace(HOOK, RENAMED_HOOK));
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RenderedChart render(String valuesFile) {
        return render(valuesFile, UnaryOperator.identity());
    }

    static RenderedChart parse(String manifests) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENTS.split(manifests)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            Object parsed = serialization.unmarshal(document);
            assertThat(parsed).as("a Kubernetes object:\n" + document).isInstanceOf(HasMetadata.class);
            HasMetadata object = (HasMetadata) parsed;
            if (object instanceof GenericKubernetesResource) {
                assertThat(object.getKind()).as("only KEDA's and the CSI driver's kinds are untyped:\n" + document)
                        .isIn(GENERIC_KINDS);
            } else {
                List<String> unknown = new ArrayList<>();
                unknownFields(object, object.getKind(), unknown, new IdentityHashMap<>());
                assertThat(unknown).as("fields the Kubernetes API does not have:\n" + document).isEmpty();
            }
            objects.add(object);
        }
        return new RenderedChart(objects);
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> all(String kind) {
        return objects.stream().filter(object -> object.getKind().equals(kind)).map(GenericKubernetesResource.class::cast)
                .toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " '" + name + "' among " + names()));
    }

    GenericKubernetesResource named(String kind, String name) {
        return all(kind).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " '" + name + "' among " + names()));
    }

    List<String> names() {
        return objects.stream().map(object -> object.getKind() + "/" + object.getMetadata().getName()).toList();
    }

    /** Walks the model's getters; any "additional property" is a field the typed model did not recognise. */
    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, unknown, seen));
            return;
        }
        if (!(value instanceof KubernetesResource)) {
            return;
        }
        try {
            for (PropertyDescriptor property : Introspector.getBeanInfo(value.getClass()).getPropertyDescriptors()) {
                if (property.getReadMethod() == null || property.getReadMethod().getParameterCount() > 0) {
                    continue;
                }
                Object child = property.getReadMethod().invoke(value);
                if (property.getName().equals("additionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    unknownFields(child, path + "." + property.getName(), unknown, seen);
                }
            }
        } catch (IntrospectionException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
