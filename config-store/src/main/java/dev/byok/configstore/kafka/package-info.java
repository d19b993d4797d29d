/** Creating the topics each service uses when they are missing, so a fresh cluster needs no manual step. */
package dev.byok.configstore.kafka;
