package io.hookline.automation;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * What every recipe route shares (Hookline gives it to each automation's route; shared recipe
 * routes name it): no Camel error handler, so a failure goes back to Hookline's action worker,
 * which retries transient ones with back-off and parks the rest as failed (one place, durable,
 * visible); and, in a dry run ({@code hookline.automations.dry-run}, or {@code dry-run: true} on
 * an automation), every call to an endpoint of {@link DryRun#INTERCEPTED} is printed instead of
 * sent, and answered with a neutral success.
 */
@Component
public class RecipeRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "hookline-recipe";

    @Override
    public void configuration() {
        var configuration = routeConfiguration(ID);
        configuration.errorHandler(noErrorHandler());
        for (String pattern : DryRun.INTERCEPTED) {
            configuration.interceptSendToEndpoint(pattern).skipSendToOriginalEndpoint()
                    .onWhen(simple("${variable.dryRun} == true"))
                    .process("dryRun");
        }
    }
}
