package dev.conveyor.plugin.healthcare;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.testkit.contract.PluginContract;

final class HealthcareContractIT implements PluginContract {

    @Override
    public DomainPlugin<?> plugin() {
        return new HealthcarePlugin();
    }

    @Override
    public String sampleSettings() {
        return """
                {"clinics": [{"id": "central", "name": "Central Clinic", "address": "1 Main St, Springfield",
                              "timeZone": "UTC", "opens": "08:00", "closes": "18:00", "days": ["MON", "TUE", "WED"],
                              "slotMinutes": 30, "capacity": 2}],
                 "systemsOfRecord": [{"name": "ehr", "url": "https://ehr.example.com/hooks", "secret": "s3cret"}],
                 "notificationChannels": ["EMAIL"]}""";
    }
}
