package io.hookline.console;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /console/camel} when Hawtio is not served there: it says why and how to turn it on. When
 * Hawtio runs in the main server its own filter answers {@code /console/camel} first (a redirect to
 * {@code /console/camel/}), so this page is never reached.
 */
@Controller
class CamelConsolePage {

    private final Environment environment;

    CamelConsolePage(Environment environment) {
        this.environment = environment;
    }

    @GetMapping(CamelConsole.PATH)
    String camel(Model model) {
        boolean enabled = environment.getProperty(CamelConsoleEnvironment.ENABLED, Boolean.class, false);
        model.addAttribute("section", "camel");
        model.addAttribute("enabled", enabled);
        model.addAttribute("managementPort", environment.getProperty("management.server.port"));
        model.addAttribute("separatePort", ManagementPortType.get(environment) == ManagementPortType.DIFFERENT);
        return "console/camel";
    }
}
