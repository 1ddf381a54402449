package dev.descent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Descent: optimization problems and optimizers run as jobs behind an HTTP API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DescentApplication {

    public static void main(String[] args) {
        SpringApplication.run(DescentApplication.class, args);
    }
}
