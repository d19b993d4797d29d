/** The rules a slot must follow to be saved, and the service that saves, reads and deletes slots. */
package dev.byok.configservice.slots;
