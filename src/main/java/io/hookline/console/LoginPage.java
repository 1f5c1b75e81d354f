package io.hookline.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security handles its POST (see {@link ConsoleSecurity}). */
@Controller
class LoginPage {

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }
}
