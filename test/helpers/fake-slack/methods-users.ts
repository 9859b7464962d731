import { type ApiContext, fail, type MethodHandler } from './api-context.ts';
import { field } from './json.ts';

/** The time zone every fake person lives in (Slack's users.info `tz`, an IANA name). */
export const FAKE_USER_TZ = 'America/Chicago';

/** What users.info says about a person; everyone is a plain member unless the test says otherwise. */
export interface FakeUserFlags {
  is_admin?: boolean;
  is_owner?: boolean;
}

/** users.info (needs users:read): an id, a name, a time zone and the admin/owner flags. */
const usersInfo: MethodHandler = (args, ctx: ApiContext) => {
  const user = field(args, 'user');
  if (user === undefined || !/^[UW]/.test(user)) return fail('user_not_found');
  const flags = ctx.users.get(user) ?? {};
  return {
    ok: true,
    user: {
      id: user,
      team_id: ctx.identity.teamId,
      name: `user-${user.toLowerCase()}`,
      deleted: false,
      is_bot: false,
      is_admin: flags.is_admin === true,
      is_owner: flags.is_owner === true,
      is_primary_owner: false,
      tz: FAKE_USER_TZ,
      tz_offset: -21_600,
    },
  };
};

export const userMethods: Readonly<Record<string, MethodHandler>> = { 'users.info': usersInfo };
