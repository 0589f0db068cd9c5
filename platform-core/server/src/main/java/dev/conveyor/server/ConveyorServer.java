package dev.conveyor.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Conveyor server: REST API and, in the same process, every stage of every configured tenant. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConveyorServer {

    public static void main(String[] args) {
        SpringApplication.run(ConveyorServer.class, args);
    }
}
