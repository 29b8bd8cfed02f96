/**
 * @module services/access/passwords
 * Password hashing with scrypt, a memory-hard function built into Node: each guess costs
 * 32 MiB of memory, which makes large-scale guessing on GPUs expensive.
 * Stored form: `scrypt$N$r$p$salt(base64)$hash(base64)`, so parameters can be raised later.
 *
 * Also the one password policy (`assertPasswordAcceptable`), used wherever a password is set.
 * Common passwords come from the zxcvbn-ts common list (about 49,000 passwords from leaks),
 * so the list is kept up to date by that project rather than by us.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { YardstickError } from '../../../rules/errors.ts';
import { PASSWORD_MIN_LENGTH } from '../../../schemas/vocabulary.ts';


/** Which password rule failed; sent as `details.rule` so clients can show their own wording. */
export type PasswordRule = 'too_short' | 'one_character' | 'contains_username' | 'common';

let commonPasswords: ReadonlySet<string> | undefined;

/** Lower-cased, NFKC-normalised: the form both the policy and the hash compare. */
function canonical(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The first password rule `password` breaks for the user `username`, or undefined when it is acceptable.
 * @example passwordProblem('1234567890ab', 'wang') // undefined
 * @example passwordProblem('password1234', 'wang') // { rule: 'common', message: 'The password is one of the most common passwords …' }
 */
export function passwordProblem(password: string, username: string): { rule: PasswordRule; message: string } | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { rule: 'too_short', message: `The password must have at least ${PASSWORD_MIN_LENGTH} characters (it has ${length}).` };
  const text = canonical(password);
  if (new Set(text).size === 1) return { rule: 'one_character', message: 'The password must not be one character repeated.' };
  const name = canonical(username);
  if (name !== '' && text.includes(name)) return { rule: 'contains_username', message: `The password must not contain the user name "${username}".` };
  commonPasswords ??= new Set(dictionary['passwords-common']);
  // A common password with digits or symbols added at the end ("iloveyou2026!") is guessed just as early.
  const stem = text.replace(/[\d\p{P}\p{S}\s]+$/u, '');
  if (commonPasswords.has(text) || commonPasswords.has(stem)) return { rule: 'common', message: 'The password is one of the most common passwords (or one with digits or symbols added at the end); choose a longer, less predictable one, such as several unrelated words.' };
  return undefined;
}

/**
 * Throw 400 `invalid_argument` (details `{ field: 'password', rule }`) when the password breaks a rule.
 * @example assertPasswordAcceptable('correct horse battery', 'wang') // passes
 */
export function assertPasswordAcceptable(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new YardstickError('invalid_argument', problem.message, { field: 'password', rule: problem.rule });
}

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * Hash a password for storage.
 * @example await hashPassword('correct horse') // 'scrypt$32768$8$1$…$…'
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Check a password against a stored hash in constant time.
 * @example await verifyPassword('correct horse', stored) // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
