/**
 * The SMS channel's provider adapter (issue 13). The outbox (`sms_outbox`, gigs.push.ts) hands each
 * message with its idempotency key; a provider that honours the key never delivers one twice even
 * when we send again after a crash between its answer and our record. Configured by environment
 * (config.ts `sms`): `none` (the channel is off: no messages are queued) or `http`, a JSON POST to a
 * gateway (`SMS_HTTP_URL`, bearer `SMS_HTTP_TOKEN`) — the tests run one locally as the fake provider.
 */
export interface SmsMessage {
  to: string;
  text: string;
  idempotencyKey: string;
}

export interface SmsProvider {
  readonly name: string;
  /** Sends one message; the provider's id for it. Throws on any failure (the outbox retries). */
  send(message: SmsMessage): Promise<{ id: string }>;
}

export type SmsConfig = { provider: 'none' } | { provider: 'http'; url: string; token: string | null };

/**
 * A gateway over HTTP: `POST url` with `{ to, text, idempotencyKey }` (and the key in the
 * `Idempotency-Key` header); a 2xx answer `{ id }` is a send, anything else (or no answer within
 * 10 s) a failure.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';

  constructor(
    private readonly url: string,
    private readonly token: string | null,
  ) {}

  async send(message: SmsMessage): Promise<{ id: string }> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': message.idempotencyKey,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`短信网关返回 ${res.status}: ${text.slice(0, 200)}`);
    let id = '';
    try {
      id = String((JSON.parse(text) as { id?: unknown }).id ?? '');
    } catch {
      // A gateway that answers 2xx without JSON still accepted the message.
    }
    return { id: id || message.idempotencyKey };
  }
}

export function smsProviderFrom(config: SmsConfig | undefined): SmsProvider | null {
  if (!config || config.provider === 'none') return null;
  return new HttpSmsProvider(config.url, config.token);
}
