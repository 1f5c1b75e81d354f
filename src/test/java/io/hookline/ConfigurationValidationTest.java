package io.hookline;

import static org.assertj.core.api.Assertions.assertThat;


import io.hookline.api.AdminProperties;
import io.hookline.automation.AutomationProperties;
import io.hookline.inbound.InboundProperties;
import io.hookline.inbound.ProviderConverter;
import io.hookline.outbound.OutboundProperties;
import io.hookline.processing.ProcessingProperties;
import io.hookline.startup.StartupProperties;
import io.hookline.store.StoreProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** A mistake in hookline.* stops start-up with a message that names the key and says what is wrong. */
class ConfigurationValidationTest {

    /** The properties of every area and the converter that binds provider names, as the application has them. */
    @Configuration
    @EnableConfigurationProperties({InboundProperties.class, ProcessingProperties.class, StoreProperties.class,
            AutomationProperties.class, OutboundProperties.class, AdminProperties.class, StartupProperties.class})
    @Import(ProviderConverter.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Properties.class);

    private String failure(String... properties) {
        String[] message = new String[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            StringBuilder all = new StringBuilder();
            for (; t != null; t = t.getCause()) all.append(t.getMessage()).append('\n');
            message[0] = all.toString();
        });
        return message[0];
    }

    @Test
    void aSignedSourceWithoutSecretsIsRefusedNamingTheKey() {
        assertThat(failure("hookline.sources.impact.provider=impact"))
                .contains("sources[impact].secrets")
                .contains("needs at least one non-empty signing secret for provider impact");
    }

    @Test
    void aSourceWithoutProviderIsRefusedListingTheProviders() {
        assertThat(failure("hookline.sources.x.secrets[0]=s"))
                .contains("sources[x].provider")
                .contains("impact, webconnex, partnerstack, creator, gleam, standard-webhooks, stripe");
        // An empty name is no name: still "required", not "not a provider".
        assertThat(failure("hookline.sources.x.provider=", "hookline.sources.x.secrets[0]=s"))
                .contains("sources[x].provider").contains("is required: one of impact");
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThat(failure("hookline.sources.x.provider=github", "hookline.sources.x.secrets[0]=s"))
                .contains("hookline.sources.x.provider");
    }

    @Test
    void aMisspelledProviderIsRefusedNamingTheKeyTheValueAndTheProviders() {
        assertThat(failure("hookline.sources.x.provider=impakt", "hookline.sources.x.secrets[0]=0123456789abcdef0123"))
                .contains("hookline.sources.x.provider")
                .contains("'impakt' is not a provider; use one of impact, webconnex, partnerstack, creator, gleam,"
                        + " standard-webhooks, stripe")
                .doesNotContain("No enum constant");
    }

    @Test
    void providerNamesBindWhateverTheirCaseAndSeparator() {
        runner.withPropertyValues("hookline.sources.a.provider=standard-webhooks",
                        "hookline.sources.b.provider=STANDARD_WEBHOOKS", "hookline.sources.c.provider=Stripe",
                        "hookline.sources.d.provider= impact ")
                .withPropertyValues("hookline.sources.a.secrets[0]=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "hookline.sources.b.secrets[0]=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "hookline.sources.c.secrets[0]=whsec_0123456789abcdef", "hookline.sources.d.secrets[0]=0123456789abcdef")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var sources = context.getBean(InboundProperties.class).sources();
                    assertThat(sources.get("a").provider().id()).isEqualTo("standard-webhooks");
                    assertThat(sources.get("b").provider().id()).isEqualTo("standard-webhooks");
                    assertThat(sources.get("c").provider().id()).isEqualTo("stripe");
                    assertThat(sources.get("d").provider().id()).isEqualTo("impact");
                });
    }

    @Test
    void aStandardWebhooksSecretMustBeWhsecBase64AndIsNotEchoed() {
        String message = failure("hookline.sources.sw.provider=standard-webhooks",
                "hookline.sources.sw.secrets[0]=not base64 at all!");
        assertThat(message).contains("sources[sw].secrets[0]").contains("expected whsec_ followed by base64")
                .doesNotContain("not base64 at all!");
    }

    @Test
    void allowListsTakeIpLiteralsOnly() {
        assertThat(failure("hookline.sources.g.provider=gleam", "hookline.sources.g.allowed-ips[0]=gleam.io"))
                .contains("sources[g].allowedIps").contains("'gleam.io' is not an IP address");
        assertThat(failure("hookline.trusted-proxies[0]=300.1.1.1"))
                .contains("trustedProxies").contains("'300.1.1.1' is not an IP address");
    }

    @Test
    void shortSecretsAndAdminTokensAreRefusedWithoutEchoingThem() {
        assertThat(failure("hookline.sources.impact.provider=impact", "hookline.sources.impact.secrets[0]=short1"))
                .contains("hookline.sources[impact].secrets[0] is shorter than 16 characters").doesNotContain("short1");
        assertThat(failure("hookline.admin-token=tiny-token"))
                .contains("hookline.admin-token is shorter than 16 characters").doesNotContain("tiny-token");
        assertThat(failure("hookline.outbound.webhooks[0].nickname=n", "hookline.outbound.webhooks[0].url=https://example.org/h",
                "hookline.outbound.webhooks[0].secret=abc"))
                .contains("hookline.outbound.webhooks[0].secret is shorter than 16 characters");
    }

    @Test
    void aRetentionMustBePositive() {
        assertThat(failure("hookline.retention.max-age=-1d")).contains("retention.maxAge").contains("positive duration");
    }

    @Test
    void anOutboundLeaseMustOutlastTwoTimeouts() {
        assertThat(failure("hookline.outbound.timeout=30s", "hookline.outbound.lease=1m"))
                .contains("outbound.lease").contains("must be longer than twice hookline.outbound.timeout (PT30S)");
    }

    @Test
    void theOutboundBatchLimitIsFromOneTo10000() {
        assertThat(failure("hookline.outbound.max-batch=0")).contains("outbound.maxBatch").contains("must be at least 1");
        assertThat(failure("hookline.outbound.max-batch=10001")).contains("outbound.maxBatch").contains("must be at most 10000");
    }

    @Test
    void theStoresFlushIntervalIsBetweenZeroAndOneSecond() {
        assertThat(failure("hookline.store.flush-interval=-1ms")).contains("store.flushInterval").contains("between 0 and 1s");
        assertThat(failure("hookline.store.flush-interval=2s")).contains("store.flushInterval");
    }

    @Test
    void theCompactionFillIsAPercentageFrom10To90() {
        assertThat(failure("hookline.store.compaction-fill=95")).contains("store.compactionFill").contains("from 10 to 90");
        assertThat(failure("hookline.store.compaction-fill=5")).contains("store.compactionFill");
    }

    @Test
    void aSourceNameMustBeUsableInThePath() {
        assertThat(failure("hookline.sources[a b].provider=gleam")).contains("must be letters, digits");
    }

    @Test
    void aValidConfigurationStartsAndGleamDefaultsToItsPublishedAddresses() {
        runner.withPropertyValues("hookline.sources.impact.provider=impact",
                        "hookline.sources.impact.secrets[0]=0123456789abcdef", "hookline.sources.g.provider=gleam")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(InboundProperties.class).sources().get("g").allowedIps())
                            .containsExactly("173.255.204.234", "45.79.6.209");
                });
    }
}
