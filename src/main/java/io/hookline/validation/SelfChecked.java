package io.hookline.validation;

/** A configuration type whose cross-field and secret rules are code: see {@link Checked}. */
public interface SelfChecked {
    void check(Checks checks);
}
