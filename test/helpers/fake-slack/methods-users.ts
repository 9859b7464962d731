import { type ApiContext, fail, type MethodHandler } from './api-context.ts';
import { field } from './json.ts';

/** What users.info says about a person; everyone is a plain member unless the test says otherwise. */
export interface FakeUserFlags {
  is_admin?: boolean;
  is_owner?: boolean;
}

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
    },
  };
};

/** users.info (needs users:read). */
export const userMethods: Readonly<Record<string, MethodHandler>> = { 'users.info': usersInfo };
