/**
 * The wire conformance cases ({@code conformance/} in this repository) and how a captured provider
 * request is compared with a case's expected request, for the provider-clients unit test and the
 * end-to-end system test alike.
 */
package dev.byok.localstack.conformance;
