import type { EntityManager } from '@switchboard/db';
import { authenticateApiKey, type ApiKeyPrincipal } from './api-keys.ts';

export interface ApiKeyCacheOptions {
  /** How long a resolved key is trusted without asking the database again. */
  ttlMs?: number;
  /** Most keys remembered; past it the cache starts over (an attacker's random keys are never stored). */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  principal: ApiKeyPrincipal;
  expiresAt: number;
  revocations: number;
}

/** Revocations made in this process; an entry filled before the latest one is asked again, so they bite at once. */
let revocations = 0;

export function noteApiKeyRevoked() {
  revocations++;
}

/**
 * Resolves bearer tokens with a short memory. Ingestion calls arrive thousands of times a second with the same key,
 * and a database round trip per call would cost more than the work itself. A key revoked in this process stops
 * working immediately; one revoked elsewhere (the CLI, another server) within `ttlMs`.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: ApiKeyCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 2_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** `em` is only called on a miss, so a hit costs no EntityManager. */
  async authenticate(em: () => EntityManager, bearer: string): Promise<ApiKeyPrincipal | null> {
    // Keyed by the token itself: hashing it on every call costs more than the rest of a hit.
    const hit = this.entries.get(bearer);
    if (hit && hit.expiresAt > this.now() && hit.revocations === revocations) return hit.principal;
    // Read before asking: a revocation landing while the query runs must not be hidden by its answer.
    const seen = revocations;
    const principal = await authenticateApiKey(em(), bearer);
    if (!principal) {
      this.entries.delete(bearer);
      return null;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(bearer, { principal, expiresAt: this.now() + this.ttlMs, revocations: seen });
    return principal;
  }
}
