package io.hookline.inbound;

import io.hookline.problem.Problem;

/**
 * What the gateway answers: a status and a JSON body, and for a 405 the {@code Allow} header.
 * Each HTTP front writes it as it is, so both fronts answer byte for byte the same.
 */
public record WebhookAnswer(int status, byte[] json, String allow) {

    public static final String CONTENT_TYPE = "application/json";

    static WebhookAnswer of(int status, byte[] json) {
        return new WebhookAnswer(status, json, null);
    }

    static WebhookAnswer of(Problem problem) {
        return new WebhookAnswer(problem.status(), problem.json(), problem.status() == 405 ? "POST" : null);
    }
}
