/**
 * review-dispatcher: validates each review request on the ingress topic and forwards it to its
 * org's tenant topic, so every later step works per tenant. The decisions are pure
 * ({@link dev.byok.dispatcher.RequestReader}, {@link dev.byok.dispatcher.IngressRouter}); the loop
 * only moves bytes, inside one Kafka transaction per batch.
 */
package dev.byok.dispatcher;
