import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES, REDIRECT_PATH } from '../src/bot/oauth/installer.ts';

// The limits of Slack's manifest schema (slackapi/manifest-schema v1) that a hand edit could break.
describe('manifest.yml', async () => {
  const manifest = parse(await readFile(new URL('../manifest.yml', import.meta.url), 'utf8'));

  it('has the display information Slack requires, within its lengths', () => {
    const info = manifest.display_information;
    expect(info.name.length).toBeGreaterThanOrEqual(1);
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('declares /postage on the one events endpoint, with interactivity there too', () => {
    const [command] = manifest.features.slash_commands;
    expect(command.command).toBe('/postage');
    expect(new URL(command.url).pathname).toBe('/slack/events');
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe('/slack/events');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(command.description.length).toBeLessThanOrEqual(2000);
    expect(command.usage_hint.length).toBeLessThanOrEqual(1000);
  });

  it('asks for exactly the scopes the bot uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['chat:write', 'chat:write.public', 'commands', 'im:write'].sort(),
    );
    // The OAuth install asks for the same ones.
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('has the OAuth redirect URL and the two events that end an installation, on /slack/events', () => {
    const [redirect] = manifest.oauth_config.redirect_urls;
    expect(new URL(redirect).pathname).toBe(REDIRECT_PATH);
    const events = manifest.settings.event_subscriptions;
    expect(new URL(events.request_url).pathname).toBe('/slack/events');
    expect([...events.bot_events].sort()).toEqual(['app_uninstalled', 'tokens_revoked']);
  });
});
