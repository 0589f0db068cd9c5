package dev.conveyor.plugin.logistics;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.testkit.contract.PluginContract;

final class LogisticsContractIT implements PluginContract {

    @Override
    public DomainPlugin<?> plugin() {
        return new LogisticsPlugin();
    }
}
