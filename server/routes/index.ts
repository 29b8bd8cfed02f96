/**
 * @module routes
 * Every API route group, registered in one place.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { registerAuthRoutes } from './auth.ts';

export function registerApiRoutes(app: Hono<AppEnv>): void {
  registerAuthRoutes(app);
}
