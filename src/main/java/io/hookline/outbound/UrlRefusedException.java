package io.hookline.outbound;

/**
 * A subscriber URL that Hookline will not send to. The message is meant for the person who
 * registered the URL: it says what is wrong and, where one exists, which setting would permit it.
 * It never repeats the URL's user-info, query or fragment (they may hold credentials).
 */
public class UrlRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public UrlRefusedException(String message) {
        super(message);
    }
}
