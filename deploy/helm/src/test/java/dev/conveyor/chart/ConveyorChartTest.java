package dev.conveyor.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator gets from the chart, rendered for the small install ({@code values.yaml}) and for production
 * ({@code values-production.yaml}): a web Deployment and one per worker entry running exactly its stages, probes on the
 * management port, PodDisruptionBudgets only where more than one pod stays up, time to finish in-flight messages,
 * pods that roll when their configuration changes, KEDA scaling each worker on its stages' backlog, migrations in a
 * hook Job, workload identity, and no pod running as root.
 */
final class ConveyorChartTest {

    private static final List<String> PLUGIN_STAGES = List.of("dispatch", "tracking", "notify", "fulfillment", "shipping",
            "management", "changes", "data-sync", "reminders", "sync-retry");
    private static final String WEB = "conveyor-web";
    private static final String BACKLOG = "http://conveyor-web.orders.svc:8081/actuator/backlog/";

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    void theChartLintsWithEitherValueFile(@TempDir Path copy) throws IOException {
        assertLints(RenderedChart.CHART);
        // helm lint reads the chart's own values.yaml only: lint a copy whose values are production's, as Helm merges them
        copyChart(copy);
        Files.writeString(copy.resolve("values.yaml"), serialization.asYaml(merge(values("values.yaml"),
                values("values-production.yaml"))));
        assertLints(copy);
    }

    @Test
    void theSmallInstallHasAWebRoleAndOneWorkerPerStageEachScaledOnItsBacklog() {
        RenderedChart chart = RenderedChart.render(null);

        assertThat(chart.all(Deployment.class)).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of(WEB),
                        PLUGIN_STAGES.stream().map(stage -> "conveyor-" + stage)).toList());
        assertThat(env(container(chart.named(Deployment.class, WEB)), "CONVEYOR_STAGES")).isEqualTo("none");
        for (String stage : PLUGIN_STAGES) {
            Deployment worker = chart.named(Deployment.class, "conveyor-" + stage);
            assertThat(env(container(worker), "CONVEYOR_STAGES")).as(stage).isEqualTo(stage);
            assertThat(worker.getSpec().getReplicas()).as("KEDA owns the replicas of " + stage).isNull();

            GenericKubernetesResource scaler = chart.named("ScaledObject", "conveyor-" + stage);
            assertThat(property(scaler, "spec", "scaleTargetRef", "name")).isEqualTo("conveyor-" + stage);
            List<Map<String, Object>> triggers = triggers(scaler);
            assertThat(triggers).singleElement().satisfies(trigger -> {
                assertThat(trigger.get("type")).isEqualTo("metrics-api");
                Map<?, ?> metadata = (Map<?, ?>) trigger.get("metadata");
                assertThat(metadata.get("url")).isEqualTo(BACKLOG + stage);
                assertThat(metadata.get("valueLocation")).isEqualTo("messages");
                assertThat(metadata.get("targetValue")).isEqualTo("100");
                assertThat(metadata.get("activationTargetValue")).isEqualTo("0");
            });
        }
        // the seldom-busy healthcare stages may sleep: their first message wakes them (activation above 0 messages)
        for (String stage : List.of("data-sync", "reminders", "sync-retry")) {
            assertThat(property(chart.named("ScaledObject", "conveyor-" + stage), "spec", "minReplicaCount")).as(stage)
                    .isEqualTo(0);
        }
        assertThat(property(chart.named("ScaledObject", "conveyor-dispatch"), "spec", "minReplicaCount")).isEqualTo(1);

        Service web = chart.named(Service.class, WEB);
        assertThat(web.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "web");
        assertThat(web.getSpec().getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getPort()).isEqualTo(8081);
        });
        assertThat(chart.all(PodDisruptionBudget.class)).as("no role keeps more than one pod").isEmpty();
        assertThat(chart.all("SecretProviderClass")).isEmpty();
        assertThat(chart.all("TriggerAuthentication")).isEmpty();
        assertThat(chart.named(ServiceAccount.class, "conveyor").getMetadata().getAnnotations())
                .as("no workload identity unless enabled").isNullOrEmpty();
        for (Deployment deployment : chart.all(Deployment.class)) {
            assertThat(secretOf(container(deployment), "CONVEYOR_DATABASE_PASSWORD")).isEqualTo("conveyor");
        }
    }

    @Test
    void productionGroupsStagesKeepsTwoPodsUpAndReadsSecretsFromKeyVaultWithWorkloadIdentity() {
        RenderedChart chart = RenderedChart.render("values-production.yaml");

        Deployment grouped = chart.named(Deployment.class, "conveyor-healthcare-sync");
        assertThat(env(container(grouped), "CONVEYOR_STAGES")).isEqualTo("data-sync,sync-retry,reminders");
        assertThat(triggers(chart.named("ScaledObject", "conveyor-healthcare-sync")))
                .extracting(trigger -> (Object) ((Map<?, ?>) trigger.get("metadata")).get("url"))
                .containsExactly(BACKLOG + "data-sync", BACKLOG + "sync-retry", BACKLOG + "reminders");
        assertThat(chart.all(Deployment.class)).extracting(deployment -> deployment.getMetadata().getName())
                .doesNotContain("conveyor-data-sync", "conveyor-reminders", "conveyor-sync-retry");
        assertThat(property(chart.named("ScaledObject", "conveyor-notify"), "spec", "maxReplicaCount")).isEqualTo(30);

        // a budget for each role that keeps at least two pods: not for the group that may scale to zero
        assertThat(chart.all(PodDisruptionBudget.class)).extracting(budget -> budget.getMetadata().getName())
                .containsExactlyInAnyOrder(WEB, "conveyor-dispatch", "conveyor-tracking", "conveyor-notify",
                        "conveyor-fulfillment", "conveyor-shipping", "conveyor-management", "conveyor-changes");
        for (PodDisruptionBudget budget : chart.all(PodDisruptionBudget.class)) {
            Deployment target = chart.named(Deployment.class, budget.getMetadata().getName());
            assertThat(budget.getSpec().getSelector()).isEqualTo(target.getSpec().getSelector());
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        }
        assertThat(chart.named(Deployment.class, WEB).getSpec().getReplicas()).isEqualTo(3);

        ServiceAccount account = chart.named(ServiceAccount.class, "conveyor");
        assertThat(account.getMetadata().getAnnotations()).containsEntry("azure.workload.identity/client-id",
                "00000000-0000-0000-0000-000000000000");
        assertThat(chart.named(ServiceAccount.class, "conveyor-migrate").getMetadata().getAnnotations())
                .containsKey("azure.workload.identity/client-id");
        for (PodTemplateSpec pod : pods(chart)) {
            assertThat(pod.getMetadata().getLabels()).containsEntry("azure.workload.identity/use", "true");
            assertThat(pod.getSpec().getVolumes()).anySatisfy(volume -> {
                assertThat(volume.getCsi()).isNotNull();
                assertThat(volume.getCsi().getVolumeAttributes()).containsEntry("secretProviderClass", "conveyor");
            });
        }

        GenericKubernetesResource vault = chart.named("SecretProviderClass", "conveyor");
        assertThat(property(vault, "spec", "parameters", "keyvaultName")).isEqualTo("conveyor-prod");
        assertThat(vault.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade");
        for (Deployment deployment : chart.all(Deployment.class)) {
            assertThat(secretOf(container(deployment), "CONVEYOR_SECRETS_KEY")).isEqualTo("conveyor-keyvault");
            // the storage account by Entra ID: its endpoint in the settings, no connection string anywhere
            assertThat(container(deployment).getEnv()).extracting(EnvVar::getName)
                    .doesNotContain("CONVEYOR_STORAGE_CONNECTION_STRING");
        }
        assertThat(((Map<?, ?>) config(chart).get("storage")).get("queue-endpoint"))
                .isEqualTo("https://conveyorprod.queue.core.windows.net");
        assertThat(property(vault, "spec", "parameters", "objects").toString())
                .contains("conveyor-secrets-key").doesNotContain("conveyor-storage-connection-string");
    }

    @Test
    void everyServerPodIsProbedOnTheManagementPortAndHasTimeToFinishItsMessages() {
        for (String values : new String[] {null, "values-production.yaml"}) {
            RenderedChart chart = RenderedChart.render(values);
            Duration grace = Duration.parse("PT" + config(chart).get("shutdown-grace").toString().toUpperCase());
            for (Deployment deployment : chart.all(Deployment.class)) {
                String name = values + ": " + deployment.getMetadata().getName();
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                Container server = container(deployment);
                assertProbe(server.getReadinessProbe(), "/actuator/health/readiness", name);
                assertProbe(server.getLivenessProbe(), "/actuator/health/liveness", name);
                assertThat(server.getPorts()).as(name).anySatisfy(port -> {
                    assertThat(port.getName()).isEqualTo("management");
                    assertThat(port.getContainerPort()).isEqualTo(8081);
                });
                assertThat(env(server, "MANAGEMENT_SERVER_PORT")).as(name).isEqualTo("8081");
                assertThat(server.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(server.getResources().getLimits()).as(name).containsKey("memory");
                assertThat(pod.getTerminationGracePeriodSeconds()).as(name).isGreaterThan(grace.toSeconds());
                assertThat(pod.getServiceAccountName()).as(name).isEqualTo("conveyor");
            }
        }
    }

    @Test
    void aConfigurationChangeRollsEveryPodAndAnythingElseDoesNot() {
        RenderedChart before = RenderedChart.render(null);
        RenderedChart again = RenderedChart.render(null);
        RenderedChart regrouped = RenderedChart.render(null, template -> template.set("web.replicas", 2));
        RenderedChart reconfigured = RenderedChart.render(null,
                template -> template.set("conveyor.config.conveyor.egress.allow[0]", "10.20.0.0/16"));
        RenderedChart longerGrace = RenderedChart.render(null, template -> template.set("conveyor.shutdownGraceSeconds", 45));

        String checksum = checksum(before);
        assertThat(checksum).matches("[0-9a-f]{64}");
        assertThat(checksum(again)).isEqualTo(checksum);
        assertThat(checksum(regrouped)).isEqualTo(checksum);
        assertThat(checksum(reconfigured)).isNotEqualTo(checksum);
        assertThat(config(reconfigured).get("egress")).isEqualTo(Map.of("allow", List.of("10.20.0.0/16")));
        assertThat(checksum(longerGrace)).isNotEqualTo(checksum).isNotEqualTo(checksum(reconfigured));
        assertThat(longerGrace.named(Deployment.class, WEB).getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds()).isGreaterThan(45);
    }

    @Test
    void migrationsRunOnceInAHookJobAndNoPodMigratesAtStart() {
        for (String values : new String[] {null, "values-production.yaml"}) {
            RenderedChart chart = RenderedChart.render(values);
            Job migration = chart.named(Job.class, "conveyor-migrate");
            assertThat(migration.getMetadata().getAnnotations())
                    .containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                    .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
            PodSpec pod = migration.getSpec().getTemplate().getSpec();
            assertThat(pod.getRestartPolicy()).isEqualTo("Never");
            assertThat(pod.getServiceAccountName()).isEqualTo("conveyor-migrate");
            Container migrate = pod.getContainers().getFirst();
            assertThat(env(migrate, "CONVEYOR_MODE")).isEqualTo("migrate");
            assertThat(migrate.getEnv()).extracting(EnvVar::getName)
                    .contains("CONVEYOR_DATABASE_URL", "CONVEYOR_DATABASE_USER", "CONVEYOR_DATABASE_PASSWORD");
            // its ServiceAccount exists before the Job: a hook of lower weight
            ServiceAccount account = chart.named(ServiceAccount.class, "conveyor-migrate");
            assertThat(Integer.parseInt(account.getMetadata().getAnnotations().get("helm.sh/hook-weight")))
                    .isLessThan(Integer.parseInt(migration.getMetadata().getAnnotations().get("helm.sh/hook-weight")));

            assertThat(((Map<?, ?>) config(chart).get("database")).get("migrate-on-start")).isEqualTo(false);
            for (Deployment deployment : chart.all(Deployment.class)) {
                assertThat(env(container(deployment), "SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("/config/");
                assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(volume -> {
                    assertThat(volume.getConfigMap()).isNotNull();
                    assertThat(volume.getConfigMap().getName()).isEqualTo("conveyor");
                });
            }
        }
    }

    @Test
    void noPodRunsAsRoot() {
        for (String values : new String[] {null, "values-production.yaml"}) {
            RenderedChart chart = RenderedChart.render(values);
            for (PodTemplateSpec pod : pods(chart)) {
                String name = values + ": " + pod.getMetadata().getLabels().get("app.kubernetes.io/component");
                assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).as(name).isPositive();
                for (Container container : pod.getSpec().getContainers()) {
                    assertThat(container.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
                    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
                    assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).contains("ALL");
                }
            }
        }
    }

    @Test
    void fixedQueuesCanAddAzureQueueTriggersReadWithKedasWorkloadIdentity() {
        RenderedChart chart = RenderedChart.render(null, template -> template
                .set("keda.azureQueue.accountName", "conveyorqueues")
                .set("workers.dispatch.autoscaling.azureQueues[0].queueName", "partner-orders")
                .set("workers.dispatch.autoscaling.azureQueues[0].queueLength", 20));

        List<Map<String, Object>> triggers = triggers(chart.named("ScaledObject", "conveyor-dispatch"));
        assertThat(triggers).extracting(trigger -> trigger.get("type")).containsExactly("metrics-api", "azure-queue");
        assertThat(metadata(triggers.get(1))).containsEntry("queueName", "partner-orders")
                .containsEntry("queueLength", "20").containsEntry("activationQueueLength", "0")
                .containsEntry("accountName", "conveyorqueues");
        assertThat(triggers.get(1).get("authenticationRef")).isEqualTo(Map.of("name", "conveyor-azure-queue"));
        assertThat(property(chart.named("TriggerAuthentication", "conveyor-azure-queue"), "spec", "podIdentity",
                "provider")).isEqualTo("azure-workload");
        assertThat(triggers(chart.named("ScaledObject", "conveyor-tracking"))).hasSize(1);
    }

    private static void assertLints(Path chart) {
        LintResult lint = new Helm(chart).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    private static void assertProbe(Probe probe, String path, String name) {
        assertThat(probe).as(name).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(name).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(name).isEqualTo("management");
    }

    private static List<PodTemplateSpec> pods(RenderedChart chart) {
        return Stream.concat(chart.all(Deployment.class).stream().map(deployment -> deployment.getSpec().getTemplate()),
                chart.all(Job.class).stream().map(job -> job.getSpec().getTemplate())).toList();
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .map(EnvVar::getValue).orElseThrow(() -> new AssertionError("no " + name + " in " + container.getEnv()));
    }

    private static String secretOf(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .map(variable -> variable.getValueFrom().getSecretKeyRef().getName())
                .orElseThrow(() -> new AssertionError("no " + name + " in " + container.getEnv()));
    }

    private static String checksum(RenderedChart chart) {
        List<String> checksums = pods(chart).stream()
                .filter(pod -> !"migrate".equals(pod.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .map(pod -> pod.getMetadata().getAnnotations().get("checksum/config")).distinct().toList();
        assertThat(checksums).as("every server pod carries the same configuration checksum").singleElement().isNotNull();
        return checksums.getFirst();
    }

    /** The {@code conveyor.*} settings of the rendered ConfigMap. */
    private Map<?, ?> config(RenderedChart chart) {
        ConfigMap config = chart.named(ConfigMap.class, "conveyor");
        Map<?, ?> application = serialization.unmarshal(config.getData().get("application.yaml"), Map.class);
        return (Map<?, ?>) application.get("conveyor");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> trigger) {
        return (Map<String, Object>) trigger.get("metadata");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> triggers(GenericKubernetesResource scaler) {
        return (List<Map<String, Object>>) property(scaler, "spec", "triggers");
    }

    private static Object property(GenericKubernetesResource resource, String... path) {
        Object value = resource.getAdditionalProperties();
        for (String key : path) {
            value = ((Map<?, ?>) value).get(key);
        }
        return value;
    }

    private Map<String, Object> values(String file) throws IOException {
        return serialization.unmarshal(Files.readString(RenderedChart.CHART.resolve(file)), Map.class);
    }

    /** Helm's merge of values files: maps merge key by key, null removes a key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else if (merged.get(key) instanceof Map<?, ?> old && value instanceof Map<?, ?> next) {
                merged.put(key, merge((Map<String, Object>) old, (Map<String, Object>) next));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static void copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(RenderedChart.CHART)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(RenderedChart.CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }
}
