package io.hookline.store;

/** The store could not take a write in time; the caller must not acknowledge the request. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
