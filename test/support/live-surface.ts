import { ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA, GATEWAY_OPTIONS, MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import type { TestApp } from './test-app.js';

/**
 * What the running app really serves, read from the live router and the live gateways rather than from a
 * document, so that a new route or socket event cannot escape the security tests.
 */

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every `METHOD /path` the Express router holds (Express path syntax: `/api/shifts/:id`). */
export function liveRoutes(app: TestApp): string[] {
  const express = app.app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  const out: string[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods))
      if (on && method !== '_all') out.push(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return [...new Set(out)];
}

/** Every namespace with a gateway, and the client events its handlers subscribe to. */
export function liveSocketEvents(app: TestApp): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type || typeof type !== 'function' || !Reflect.getMetadata(GATEWAY_METADATA, type)) continue;
      const namespace = String((Reflect.getMetadata(GATEWAY_OPTIONS, type) as { namespace?: string } | undefined)?.namespace ?? '/');
      const events = (out[namespace] ??= []);
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || !Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler)) continue;
        events.push(String(Reflect.getMetadata(MESSAGE_METADATA, handler)));
      }
    }
  }
  return out;
}
