/**
 * Budgets and request quotas, enforced across all workers in Redis: a review's estimated tokens and
 * cost are reserved before its call and settled with what the provider reported after it, and a
 * slot's calls are counted in a sliding window. The decisions are pure ({@link dev.byok.worker.spend.Estimate},
 * {@link dev.byok.worker.spend.BudgetAlerts}); {@link dev.byok.worker.spend.RedisSpendLimits} is the
 * thin shell of scripts around them.
 */
package dev.byok.worker.spend;
