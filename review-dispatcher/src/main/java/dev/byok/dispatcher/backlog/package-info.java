/** The per-org backlog of the tenant topics as one metric series per waiting org and slot. */
package dev.byok.dispatcher.backlog;
