/** What a worker tells the others, through Redis, about the state it holds in memory. */
package dev.byok.worker.status;
