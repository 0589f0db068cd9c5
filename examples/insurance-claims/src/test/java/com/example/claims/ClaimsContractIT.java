package com.example.claims;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.testkit.contract.PluginContract;

final class ClaimsContractIT implements PluginContract {

    @Override
    public DomainPlugin<?> plugin() {
        return new ClaimsPlugin();
    }

    @Override
    public String sampleSettings() {
        return """
                {"adjusters": [{"name": "Kim", "upTo": "MEDIUM"}, {"name": "Ravi", "upTo": "HIGH"}]}""";
    }
}
