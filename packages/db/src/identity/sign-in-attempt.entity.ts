import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Failed sign-ins, kept in the database so the rate limit holds across several server processes. */
export const SignInAttempt = defineEntity({
  name: 'SignInAttempt',
  tableName: 'sign_in_attempts',
  indexes: [{ properties: ['email', 'createdAt'] }, { properties: ['ip', 'createdAt'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    email: p.string().length(320),
    ip: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type SignInAttempt = InferEntity<typeof SignInAttempt>;
