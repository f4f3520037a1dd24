package dev.inflow.core.internal.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as stored, for administrators looking at what is pending or dead.
 *
 * @param id job id
 * @param tenantId tenant
 * @param kind handler kind
 * @param status PENDING, DONE or DEAD
 * @param attempts runs so far
 * @param maxAttempts runs allowed
 * @param runAt when it is (or was) due
 * @param lastError the last failure, if any
 * @param payload JSON text
 * @param createdAt when it was enqueued
 */
public record JobRecord(long id, String tenantId, String kind, String status, int attempts, int maxAttempts, Instant runAt,
    Optional<String> lastError, String payload, Instant createdAt) {}
