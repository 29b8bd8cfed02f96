/**
 * @module domain/json-schema
 * A JSON Schema fragment, as routes declare their bodies and responses and as services build
 * validators for a scheme's inputs (it may `$ref` the scheme schema as `scheme.schema.json#/$defs/...`).
 *
 * @example const body: JsonSchema = { type: 'object', required: ['locale'] };
 */
export type JsonSchema = Record<string, unknown>;
