/**
 * byok-review on one machine with only a JDK: real infrastructure started without Docker, the
 * provider simulator, and the services as separate processes built from this repository. The
 * local launcher and the integration tests share it, so what the tests prove is what a user runs.
 */
package dev.byok.localstack;
