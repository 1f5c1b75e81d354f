package io.hookline.console;

import io.hookline.problem.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A {@link Problem} met while rendering a console page: the page says what went wrong, with its status. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    @ExceptionHandler(Problem.class)
    String problem(Problem problem, Model model, HttpServletResponse response) {
        response.setStatus(problem.status());
        model.addAttribute("problem", problem);
        model.addAttribute("section", "");
        return "console/problem";
    }
}
