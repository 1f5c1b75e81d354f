package io.hookline.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, with the test sources of application-test.yaml and
 * the partner peers of {@link Peers} (SMTP and fake partner APIs). Test classes with this
 * annotation and no other configuration share one running context: anything a test needs in
 * the context goes here or in application-test.yaml, never on a single test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
// Only the packaged defaults and application-test.yaml: the demo's ./config/application.yaml is left out.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.location=classpath:/")
@ActiveProfiles("test")
@ContextConfiguration(initializers = Peers.class)
public @interface HooklineTest {
}
