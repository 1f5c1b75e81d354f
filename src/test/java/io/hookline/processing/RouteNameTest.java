package io.hookline.processing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The route name an event is dispatched under: {@code source.type}, anything a route name cannot hold as {@code _}. */
class RouteNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "impact | program_application.rejected | impact.program_application.rejected",
        "web-connex | registration_v2 | web-connex.registration_v2",
        "gleam | entry created | gleam.entry_created",
        "shop | order/paid:now | shop.order_paid_now",
        "caf\u00e9 | \u00e9v\u00e9nement | caf_._v_nement",
        "s | rocket\uD83D\uDE80launch | s.rocket_launch",
        "s | \uD83D\uDE80\uD83D\uDE80 | s.__",
    })
    void everyCharacterOutsideLettersDigitsDotUnderscoreAndDashBecomesOneUnderscore(String source, String type, String name) {
        assertThat(EventDispatcher.routeName(source, type)).isEqualTo(name);
    }

    @org.junit.jupiter.api.Test
    void aNameThatNeedsNoChangeIsTheConcatenation() {
        assertThat(EventDispatcher.routeName("impact", "payment.created")).isEqualTo("impact.payment.created");
    }
}
