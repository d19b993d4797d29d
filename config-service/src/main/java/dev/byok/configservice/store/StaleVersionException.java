package dev.byok.configservice.store;

/** The caller's If-Match names a version that is no longer current. */
public final class StaleVersionException extends RuntimeException {

    private final long currentVersion;

    public StaleVersionException(long currentVersion) {
        super("the config changed since version was read; current version is " + currentVersion, null, false, false);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
