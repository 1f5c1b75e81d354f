package io.hookline.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The rules of a configuration type that one field's constraint cannot say (a rule across fields,
 * a message naming a value, anything about a secret): the type implements {@link SelfChecked} and
 * reports them to {@link Checks}. Validated with the type's other constraints (its {@code @Validated}).
 */
@Documented
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = CheckedValidator.class)
public @interface Checked {
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
