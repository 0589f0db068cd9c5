package dev.conveyor.plugin.ecommerce;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.testkit.contract.PluginContract;

final class EcommerceContractIT implements PluginContract {

    @Override
    public DomainPlugin<?> plugin() {
        return new EcommercePlugin();
    }

    @Override
    public String sampleSettings() {
        return """
                {"warehouses": ["east", "west"]}""";
    }
}
