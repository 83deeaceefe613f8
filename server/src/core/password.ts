import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: 2 /* Argon2id (const enum Algorithm) */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (plain: string): Promise<string> => hash(plain, OPTIONS);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** Spent on unknown usernames so a failed login takes as long whether or not the user exists. */
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(plain: string): Promise<void> {
  dummy ??= hashPassword('touyan-dummy-password-1');
  await verifyPassword(await dummy, plain);
}
