/**
 * The Chinese meaning of every API error code: a Chinese user reads what went wrong in Chinese
 * before the server's English specifics.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../rules/errors.ts';
import { apiErrorSummary } from '../../studio/src/i18n/api-errors.ts';

describe('API error summaries', () => {
  it('has a Chinese sentence for every error code the server can send', () => {
    for (const code of Object.keys(ERROR_STATUS)) {
      const summary = apiErrorSummary(code);
      expect(summary, code).toMatch(/[\u4e00-\u9fff]/);
      expect(summary, code).toMatch(/。$/);
    }
  });

  it('says nothing for a code it does not know, rather than guessing', () => {
    expect(apiErrorSummary('http_502')).toBeNull();
    expect(apiErrorSummary('toString')).toBeNull();
  });
});
