package io.hookline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Hookline: receives, verifies and stores platform webhooks, then hands them to Camel routes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HooklineApplication {
    public static void main(String[] args) {
        SpringApplication.run(HooklineApplication.class, args);
    }
}
