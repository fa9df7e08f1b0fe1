import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { JanitorStack } from '../../lib/janitor-stack.js';
import type { JanitorStackProps } from '../../lib/janitor-stack.js';
import { readStackContext } from '../../lib/read-stack-context.js';

/** The feature flags from cdk.json, so tests synthesize what `cdk synth` does. */
function featureFlags(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
  return Object.fromEntries(Object.entries(cdkJson.context).filter(([key]) => key.startsWith('@aws-cdk')));
}

export interface BuiltStack {
  readonly app: App;
  readonly stack: JanitorStack;
  readonly template: Template;
}

/**
 * Bundling runs esbuild (seconds on a loaded machine): only the suite that checks the real
 * bundle asks for it; the others synthesize with a stand-in asset.
 */
export function newApp(context: Record<string, unknown>, bundle: boolean): App {
  return new App({ context: { ...featureFlags(), ...context, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) } });
}

export function buildStack(props: JanitorStackProps = {}, options: { bundle?: boolean } = {}): BuiltStack {
  const app = newApp({}, options.bundle ?? false);
  const stack = new JanitorStack(app, 'TestJanitor', props);
  return { app, stack, template: Template.fromStack(stack) };
}

/** The way bin/app.ts builds it: raw context in (as `-c` would pass it), stack out. */
export function buildStackFromContext(context: Record<string, unknown>): BuiltStack {
  const app = newApp(context, false);
  const stack = new JanitorStack(app, 'TestJanitor', readStackContext(app));
  return { app, stack, template: Template.fromStack(stack) };
}
