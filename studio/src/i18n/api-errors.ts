/**
 * @module i18n/api-errors
 * What an API error means, in Chinese, by its stable code (`rules/errors.ts`). The server words
 * its messages in English with the specifics (ids, fields, rows); a Chinese user gets this
 * sentence first and the server's specifics under it. English users read the server's message
 * alone, so there is no English catalogue. Typed by `ErrorCode`: a new code without a sentence
 * here is a type error.
 *
 * @example apiErrorSummary('forbidden') // '没有权限执行此操作。'
 */
import type { ErrorCode } from '../../../rules/errors.ts';

const ZH: Record<ErrorCode, string> = {
  invalid_json: '提交的数据不是有效的 JSON，或嵌套层级过深。',
  invalid_scheme: '方案文档不符合格式要求。',
  invalid_rule: '规则无效。',
  invalid_input: '输入的数据有误。',
  invalid_argument: '请求的参数有误。',
  unauthenticated: '请先登录。',
  forbidden: '没有权限执行此操作。',
  not_found: '找不到要访问的内容。',
  conflict: '与现有数据冲突。',
  stale_write: '数据已被他人修改，请重新加载后再试。',
  invalid_transition: '当前状态下不能执行此操作。',
  payload_too_large: '提交的内容太大。',
  analysis_failed: '方案检查未通过，请先修正错误。',
  limit_exceeded: '规则超出了允许的规模或计算量。',
  forbidden_path: '规则读取了不允许访问的字段。',
  unknown_operator: '规则使用了未知的运算符。',
  too_many_requests: '尝试次数过多，请稍后再试。',
  internal: '服务器内部错误，请稍后再试。',
};

/**
 * The Chinese sentence for an error code, or null for a code this studio does not know.
 * @example apiErrorSummary('not_found') // '找不到要访问的内容。'
 */
export function apiErrorSummary(code: string): string | null {
  return Object.hasOwn(ZH, code) ? ZH[code as ErrorCode] : null;
}
