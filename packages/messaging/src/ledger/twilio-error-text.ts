/**
 * What Twilio's delivery error numbers mean, in the words its documentation uses, so a report says why an SMS did
 * not arrive instead of a bare number. Numbers not listed keep Twilio's generic wording.
 */
const TWILIO_DELIVERY_ERRORS: Record<string, string> = {
  '21610': 'The recipient replied STOP to the carrier and is unsubscribed',
  '21211': 'The phone number is not a valid number',
  '21408': 'Sending to this region is not enabled on the account',
  '21612': 'The carrier cannot route messages from this sender to this number',
  '21614': 'The number is not a mobile number',
  '30003': 'Unreachable destination handset (switched off or out of coverage)',
  '30004': 'Message blocked by the recipient or their carrier',
  '30005': 'Unknown destination handset (the number does not exist)',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Message filtered by the carrier as spam',
  '30008': 'Unknown error reported by the carrier',
};

export function twilioErrorText(code: string): string {
  return TWILIO_DELIVERY_ERRORS[code] ?? `Twilio reported error ${code}`;
}
