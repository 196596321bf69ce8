import { randomUUID } from 'node:crypto';
import { createSession, hashPassword } from '@switchboard/accounts';
import { Membership, User, type Database } from '@switchboard/db';
import { twilioSignature } from '@switchboard/sandbox';

export interface SignedInAgent {
  userId: string;
  /** The session cookie's value. */
  token: string;
}

/** `count` agents of the workspace, each signed in (a session made with the servers' SESSION_SECRET). */
export async function signedInAgents(
  db: Database,
  workspaceId: string,
  count: number,
  sessionSecret: string,
): Promise<SignedInAgent[]> {
  const em = db.fork();
  // One hash for all: hashing is deliberately slow and nobody signs in with these passwords.
  const passwordHash = await hashPassword(randomUUID());
  const users = Array.from({ length: count }, (_, i) =>
    em.create(User, {
      id: randomUUID(),
      email: `agent-${i + 1}-${workspaceId.slice(0, 8)}@agents.test`,
      name: `Agent ${i + 1}`,
      passwordHash,
    }),
  );
  for (const user of users)
    em.create(Membership, { id: randomUUID(), workspace: workspaceId, user: user.id, role: 'agent' });
  await em.flush();
  const agents: SignedInAgent[] = [];
  for (const user of users) {
    const { token } = await createSession(db.fork(), { userId: user.id, workspaceId, secret: sessionSecret });
    agents.push({ userId: user.id, token });
  }
  return agents;
}

/** A text someone sends to our Twilio number, posted to a server's inbound webhook as Twilio signs it. */
export async function postInboundSms(
  base: string,
  authToken: string,
  text: { sid: string; from: string; to: string; body: string; accountSid: string },
): Promise<Response> {
  const url = `${base}/hooks/twilio/inbound`;
  const params = {
    MessageSid: text.sid,
    AccountSid: text.accountSid,
    From: text.from,
    To: text.to,
    Body: text.body,
    NumMedia: '0',
  };
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
}
