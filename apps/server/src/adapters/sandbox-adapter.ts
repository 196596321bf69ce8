import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type {
  SandboxChatLine,
  SandboxEmail,
  SandboxEmailSummary,
  SandboxPort,
  SandboxSms,
  SandboxWebhook,
} from '@switchboard/api';
import { SandboxChatMessage, type Database } from '@switchboard/db';
import {
  SIMULATE_WECHAT_WORKFLOW,
  SIMULATED_WECHAT_CONTACTS,
  type SimulateWechatMessageInput,
} from '@switchboard/sandbox';

export interface SandboxAdapterDeps {
  /** The sandbox peers' HTTP side (Twilio API + outbox read API). */
  sandboxUrl: string;
  db: Database;
  temporal: Client;
  taskQueue: string;
  gatewayTaskQueue: string;
}

async function getJson<T>(url: string): Promise<T | null> {
  const res = await fetch(url);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`The sandbox answered ${res.status} for ${url}`);
  return (await res.json()) as T;
}

export function createSandboxAdapter(deps: SandboxAdapterDeps): SandboxPort {
  return {
    async listEmails() {
      return (
        (await getJson<{ total: number; emails: SandboxEmailSummary[] }>(
          `${deps.sandboxUrl}/sandbox/emails`,
        )) ?? { total: 0, emails: [] }
      );
    },
    getEmail: (id) => getJson<SandboxEmail>(`${deps.sandboxUrl}/sandbox/emails/${encodeURIComponent(id)}`),
    async rawEmail(id) {
      const res = await fetch(`${deps.sandboxUrl}/sandbox/emails/${encodeURIComponent(id)}/raw`);
      return res.ok ? res.text() : null;
    },
    async listSms() {
      return (await getJson<{ messages: SandboxSms[] }>(`${deps.sandboxUrl}/sandbox/sms`))?.messages ?? [];
    },
    async listWebhooks() {
      return (
        (await getJson<{ webhooks: SandboxWebhook[] }>(`${deps.sandboxUrl}/sandbox/webhooks`))?.webhooks ?? []
      );
    },
    webhookReceiverUrl: `${deps.sandboxUrl}/crm/webhooks/switchboard`,
    async sendSmsFromPhone(from, body) {
      const res = await fetch(`${deps.sandboxUrl}/sandbox/sms/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from, body }),
      });
      if (!res.ok)
        throw new Error(`The sandbox could not deliver the text (${res.status}): ${await res.text()}`);
    },
    wechatContacts: () => SIMULATED_WECHAT_CONTACTS,
    async wechatTranscript(): Promise<SandboxChatLine[]> {
      const rows = await deps.db.fork().find(SandboxChatMessage, {}, { orderBy: { id: 'desc' }, limit: 200 });
      return rows.reverse().map((r) => ({ ...r }));
    },
    async simulateWechatMessage(contactId, text) {
      await deps.temporal.workflow.execute(SIMULATE_WECHAT_WORKFLOW, {
        taskQueue: deps.taskQueue,
        workflowId: `sandbox-wechat-${randomUUID()}`,
        args: [
          {
            version: 1,
            gatewayTaskQueue: deps.gatewayTaskQueue,
            contactId,
            text,
          } satisfies SimulateWechatMessageInput,
        ],
        workflowExecutionTimeout: '30 seconds',
      });
    },
  };
}
