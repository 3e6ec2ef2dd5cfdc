// The optional app PIN. Only a salted PBKDF2-SHA-256 hash is kept, never
// the PIN itself, so reading the phone's storage does not reveal it.

const ITERATIONS = 210_000;

export interface PinHash {
  salt: string;
  hash: string;
  iterations: number;
}

/** 4 to 6 digits. */
export function validPin(pin: string): boolean {
  return /^\d{4,6}$/.test(pin);
}

export async function hashPin(pin: string, salt: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): Promise<PinHash> {
  return { salt: toHex(salt), hash: await derive(pin, salt, ITERATIONS), iterations: ITERATIONS };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const hash = await derive(pin, fromHex(stored.salt), stored.iterations);
  // Same length always; compare every character so timing says nothing.
  let differ = hash.length ^ stored.hash.length;
  for (let i = 0; i < hash.length; i++) differ |= hash.charCodeAt(i) ^ stored.hash.charCodeAt(i);
  return differ === 0;
}

/** Seconds to wait before the next try: none for the first few wrong
 * tries, then a little longer each time (capped at a minute). */
export function waitAfter(wrongTries: number): number {
  if (wrongTries < 3) return 0;
  return Math.min(60, 5 * 2 ** (wrongTries - 3));
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
    key,
    256,
  );
  return toHex(new Uint8Array(bits));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(text: string): Uint8Array {
  return new Uint8Array((text.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));
}
