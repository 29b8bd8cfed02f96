/**
 * @module services/cycles/import-errors
 * The import problem codes, from their one home in `rules/inputs/problems.ts` (shared with the
 * command line and the studio); kept here so the server's imports and the API docs read them
 * next to the import service.
 */
export * from '../../../rules/inputs/problems.ts';
