import type { Installation } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceClients } from '../../src/bot/clients.ts';
import { slackInstallationStore } from '../../src/bot/oauth/installation-store.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const ORG_INSTALL: Installation<'v2', true> = {
  team: undefined,
  enterprise: { id: 'E1', name: 'Org' },
  isEnterpriseInstall: true,
  bot: { token: 'xoxb-org', scopes: ['commands'], id: 'B1', userId: 'UBOTE1' },
  appId: 'A1',
  user: { id: 'UADMIN', token: undefined, scopes: undefined },
  tokenType: 'bot',
  authVersion: 'v2',
};

describe('org-wide installs: work no request carries finds the org’s token', () => {
  it('a workspace whose requests came under the org gets the org’s client; an unknown one gets none', async () => {
    store = await openStore({ url: 'memory://', logger: silentLogger });
    const adapter = slackInstallationStore(store.installations, () => new Date());
    await adapter.storeInstallation(ORG_INSTALL);
    const clients = workspaceClients({
      installations: store.installations,
      makeClient: (token) => new WebClient(token),
      logger: silentLogger,
    });
    // Before any request from T7 nothing ties it to the org.
    expect(await clients.clientFor('T7')).toBeNull();
    // Bolt's authorize for a request from workspace T7 of org E1.
    await adapter.fetchInstallation({ teamId: 'T7', enterpriseId: 'E1', isEnterpriseInstall: true });
    clients.forget('T7');
    expect((await clients.clientFor('T7'))?.token).toBe('xoxb-org');
    expect(await clients.clientFor('T8')).toBeNull();
    // The org uninstalls: its workspaces' work is dropped again.
    await adapter.deleteInstallation?.({ enterpriseId: 'E1', isEnterpriseInstall: true, teamId: undefined });
    clients.forget('T7');
    expect(await clients.clientFor('T7')).toBeNull();
  });
});
