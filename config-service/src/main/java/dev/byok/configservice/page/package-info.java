/** The BYOK settings page: served from static files, driven by the REST API. */
package dev.byok.configservice.page;
