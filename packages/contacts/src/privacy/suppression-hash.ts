import { createHash } from 'node:crypto';
import type { IdentityKind } from '../identity/identities.ts';

/** The hash under which a normalised identity is remembered after its owner was erased. */
export const suppressionHash = (kind: IdentityKind, normalisedValue: string) =>
  createHash('sha256').update(`${kind}:${normalisedValue}`).digest('hex');
