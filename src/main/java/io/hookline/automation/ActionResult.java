package io.hookline.automation;

/**
 * What a try of an action records besides its {@link io.hookline.job.JobOutcome}: the id the partner
 * gave what was done (recipe variable {@code partnerId}), or null; and whether it was a dry run
 * (done by printing, not sending: the history says {@code dry-run} instead of {@code done}).
 */
public record ActionResult(String partnerId, boolean dryRun) {

    /** Nothing besides the outcome. */
    public static final ActionResult NONE = new ActionResult(null, false);
}
