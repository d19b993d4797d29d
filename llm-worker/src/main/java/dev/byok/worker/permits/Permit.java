package dev.byok.worker.permits;

/** The right to have one call in flight. Released exactly once; releasing again does nothing. */
public interface Permit extends Lease {

    void release();
}
