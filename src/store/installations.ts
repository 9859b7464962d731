import { z } from 'zod';
import type { EncryptedRecords } from './encrypted-records.ts';
import { StoreError } from './errors.ts';
import { checked } from './schemas.ts';
import type { InstallationKey, InstallationStore, WorkspaceInstallation } from './types.ts';

const id = z.string().min(1);

const WorkspaceInstallationSchema: z.ZodType<WorkspaceInstallation> = z.object({
  teamId: id.nullable(),
  enterpriseId: id.nullable(),
  isEnterpriseInstall: z.boolean(),
  botToken: id,
  botId: z.string().nullable(),
  botUserId: id,
  scopes: z.array(z.string()),
  appId: z.string().nullable(),
  installerUserId: z.string().nullable(),
  enterpriseUrl: z.string().nullable(),
  installedAt: z.string(),
});

/** Which org-wide install a workspace's requests came under (background work has only the workspace). */
const OrgMemberSchema = z.object({ enterpriseId: id });

/** Where an installation lives: its org for an org-wide install, else its workspace. */
export function installationKeyOf(installation: WorkspaceInstallation): InstallationKey | undefined {
  if (installation.isEnterpriseInstall) {
    return installation.enterpriseId === null
      ? undefined
      : { kind: 'enterprise', id: installation.enterpriseId };
  }
  return installation.teamId === null ? undefined : { kind: 'team', id: installation.teamId };
}

/**
 * Installations at `installation:team:<id>` or `installation:enterprise:<id>`, sealed like remembered
 * logins (AES-256-GCM, the address as associated data): a bot token copied under another workspace's
 * address does not open. A reinstall overwrites the old record.
 */
export function createInstallationStore(records: EncryptedRecords): InstallationStore {
  const parts = (key: InstallationKey) => [key.kind, key.id];
  return {
    async put(installation) {
      const key = installationKeyOf(installation);
      const value = checked(WorkspaceInstallationSchema, installation, 'installation');
      if (key === undefined)
        throw new StoreError('STORE_BAD_VALUE', 'an installation needs its team or enterprise id');
      await records.set('installation', parts(key), value);
    },
    get: (key) => records.get('installation', parts(key), WorkspaceInstallationSchema),
    delete: (key) => records.delete('installation', parts(key)),
    async noteOrgMember(teamId, enterpriseId) {
      await records.set('installation', ['org-member', teamId], { enterpriseId });
    },
    orgOf: async (teamId) =>
      (await records.get('installation', ['org-member', teamId], OrgMemberSchema))?.enterpriseId,
  };
}
