/** Key rotation: moving every stored key to the primary key-encryption key, while the system runs. */
package dev.byok.configservice.keys;
