package dev.inflow.core.internal.jobs;

/**
 * Does one kind of background work. Runs may repeat (a node can die after doing the work but
 * before recording it), so handlers must be idempotent: fixed ids for what they send, checks
 * before what they change.
 */
@FunctionalInterface
public interface JobHandler {
  /**
   * @throws PermanentJobFailure when retrying cannot help (the job is dead-lettered at once)
   * @throws Exception for anything worth retrying later, with backoff
   */
  void run(Job job) throws Exception;
}
