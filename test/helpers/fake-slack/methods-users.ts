import { fail, type MethodHandler } from './api-context.ts';
import { field } from './json.ts';

/** The time zone every fake person lives in (Slack's users.info `tz`, an IANA name). */
export const FAKE_USER_TZ = 'America/Chicago';

/** users.info: a person with an id, a name and a time zone (needs users:read in the real Slack). */
const usersInfo: MethodHandler = (args) => {
  const user = field(args, 'user');
  if (user === undefined || !/^[UW][A-Z0-9]{2,}$/.test(user)) return fail('user_not_found');
  return {
    ok: true,
    user: { id: user, name: `user-${user.toLowerCase()}`, tz: FAKE_USER_TZ, tz_offset: -21_600 },
  };
};

export const userMethods: Readonly<Record<string, MethodHandler>> = { 'users.info': usersInfo };
