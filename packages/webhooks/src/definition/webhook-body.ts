/** The JSON a receiver gets; the same bytes on every attempt of a delivery, so its signature covers what it stores. */
export function webhookBody(delivery: {
  eventId: string;
  type: string;
  workspaceId: string;
  createdAt: Date;
  payload: Record<string, unknown>;
}): string {
  return JSON.stringify({
    id: delivery.eventId,
    type: delivery.type,
    createdAt: delivery.createdAt.toISOString(),
    workspaceId: delivery.workspaceId,
    data: delivery.payload,
  });
}
