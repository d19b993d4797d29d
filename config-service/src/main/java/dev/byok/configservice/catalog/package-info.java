/** The curated model catalog (a data file) and the plans it offers. */
package dev.byok.configservice.catalog;
