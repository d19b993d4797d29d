/** The REST endpoints of CONTRACTS §2 and how their errors look (RFC 9457 problem details). */
package dev.byok.configservice.api;
