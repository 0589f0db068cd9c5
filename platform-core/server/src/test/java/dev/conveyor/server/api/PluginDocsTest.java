package dev.conveyor.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.NoSettings;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class PluginDocsTest {

    record Line(@NotBlank String sku, @Positive int quantity) {
    }

    record Order(@NotBlank String orderId, @Size(min = 1, max = 100) List<@Valid Line> lines) {
    }

    record OrderStatus(String orderId, String status) {
    }

    static final class ShopPlugin implements DomainPlugin<NoSettings> {
        static final Queue<Order> ORDERS = Queue.of("Orders", "shop.order.v1", Order.class);
        static final Stage<Order> TAKE = Stage.of("take", ORDERS);

        @Override
        public String id() {
            return "shop";
        }

        @Override
        public Topology topology() {
            return Topology.of(TAKE);
        }

        @Override
        public Handlers handlers(NoSettings settings) {
            return Handlers.builder().on(TAKE, (order, context) -> {
            }).build();
        }

        @Override
        public List<IngestRoute<?>> ingestRoutes() {
            return List.of(IngestRoute.of("orders", ORDERS));
        }

        @Override
        public List<View<?>> views() {
            return List.of(View.of("orders", "orderId", OrderStatus.class, (key, context) -> Optional.empty()));
        }
    }

    @Test
    void eachIngestRouteAndViewIsDocumentedWithTheSchemaOfItsRecord() {
        OpenAPI openApi = new OpenAPI();

        new PluginDocs().addTo(openApi, new PluginRegistry(List.of(new ShopPlugin())));

        assertThat(openApi.getPaths().get("/api/v1/tenants/{tenant}/orders").getPost().getRequestBody().getContent()
                .get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/shop.Order");
        assertThat(openApi.getPaths().get("/api/v1/tenants/{tenant}/orders/{orderId}").getGet().getResponses().get("200")
                .getContent().get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/shop.OrderStatus");
        Schema<?> order = openApi.getComponents().getSchemas().get("shop.Order");
        assertThat(order.getRequired()).contains("orderId");
        Schema<?> lines = (Schema<?>) order.getProperties().get("lines");
        assertThat(lines.getMaxItems()).isEqualTo(100);
        assertThat(lines.getItems().get$ref()).isEqualTo("#/components/schemas/shop.Line");
        Schema<?> line = openApi.getComponents().getSchemas().get("shop.Line");
        assertThat(line.getRequired()).containsExactly("sku");
    }
}
