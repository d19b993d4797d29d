/**
 * The life of the tenant topics after their first review: which ones are idle long enough to be
 * removed ({@link dev.byok.dispatcher.topics.RetirementRule}), the checks that make removing them
 * lose nothing, and the guard that lets a removed topic be made again only once no worker holds it.
 */
package dev.byok.dispatcher.topics;
