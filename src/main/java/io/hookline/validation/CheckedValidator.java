package io.hookline.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Turns what a {@link SelfChecked} type reports into constraint violations, as Spring Boot prints them. */
public class CheckedValidator implements ConstraintValidator<Checked, SelfChecked> {

    @Override
    public boolean isValid(SelfChecked value, ConstraintValidatorContext context) {
        if (value == null) return true;
        Checks checks = new Checks();
        value.check(checks);
        if (checks.problems().isEmpty()) return true;
        context.disableDefaultConstraintViolation();
        for (Checks.Problem problem : checks.problems()) {
            var violation = context.buildConstraintViolationWithTemplate(literal(problem.message()));
            if (problem.field() == null) {
                violation.addConstraintViolation(); // a global error: printed without a value
            } else {
                violation.addPropertyNode(problem.field()).addConstraintViolation();
            }
        }
        return false;
    }

    /** A message template that is the text itself: configured values may hold {, } or $. */
    static String literal(String message) {
        StringBuilder out = new StringBuilder(message.length() + 8);
        for (char c : message.toCharArray()) {
            if (c == '\\' || c == '{' || c == '}' || c == '$') out.append('\\');
            out.append(c);
        }
        return out.toString();
    }
}
