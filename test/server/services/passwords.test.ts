import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH } from '../../../schemas/vocabulary.ts';
import { assertPasswordAcceptable, hashPassword, passwordProblem, verifyPassword } from '../../../server/services/access/passwords.ts';
import { isYardstickError } from '../../../rules/errors.ts';

describe('password policy', () => {
  it('needs at least 12 characters, counted as characters rather than UTF-16 units', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordProblem('quiet-river', 'wang')).toEqual({ rule: 'too_short', message: 'The password must have at least 12 characters (it has 11).' });
    expect(passwordProblem('quiet-rivers', 'wang')).toBeUndefined();
    // Eleven emoji are 22 UTF-16 units but still eleven characters.
    expect(passwordProblem('🐉'.repeat(11), 'wang')?.rule).toBe('too_short');
    // The probe's examples: ten spaces and 1234567890 were accepted before.
    expect(passwordProblem(' '.repeat(10), 'wang')?.rule).toBe('too_short');
    expect(passwordProblem('1234567890', 'wang')?.rule).toBe('too_short');
  });

  it('refuses one character repeated', () => {
    expect(passwordProblem(' '.repeat(12), 'wang')).toEqual({ rule: 'one_character', message: 'The password must not be one character repeated.' });
    expect(passwordProblem('zzzzzzzzzzzzzzzz', 'wang')?.rule).toBe('one_character');
  });

  it('refuses a password containing the user name, whatever the case', () => {
    expect(passwordProblem('my-WangFang-secret', 'wangfang')).toEqual({ rule: 'contains_username', message: 'The password must not contain the user name "wangfang".' });
    expect(passwordProblem('harbour-lantern-ZHAO', 'Zhao')?.rule).toBe('contains_username');
    expect(passwordProblem('harbour-lantern-zha0', 'zhao')).toBeUndefined();
  });

  it('refuses common passwords from the leaked-password list, also with digits or symbols appended', () => {
    for (const common of ['password1234', 'qwertyuiop12', '1qaz2wsx3edc', 'QWERTY123456']) expect(passwordProblem(common, 'wang')?.rule, common).toBe('common');
    // "iloveyou" and "sunshine" are on the list; the year and "!" do not make them harder to guess.
    expect(passwordProblem('iloveyou2026!', 'wang')?.rule).toBe('common');
    expect(passwordProblem('Sunshine 1990', 'wang')?.rule).toBe('common');
    expect(passwordProblem('iloveyou2026!', 'wang')?.message).toMatch(/most common passwords/);
    expect(passwordProblem('correct horse battery', 'wang')).toBeUndefined();
  });

  it('throws invalid_argument naming the field and the rule', () => {
    let thrown: unknown;
    try {
      assertPasswordAcceptable('password1234', 'wang');
    } catch (err) {
      thrown = err;
    }
    expect(isYardstickError(thrown) && thrown.toJSON()).toEqual({ error: { code: 'invalid_argument', message: expect.stringMatching(/common/), details: { field: 'password', rule: 'common' } } });
    expect(() => assertPasswordAcceptable('correct horse battery', 'wang')).not.toThrow();
  });

  it('hashes so that only the same password verifies', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterz', stored)).toBe(false);
  });
});
