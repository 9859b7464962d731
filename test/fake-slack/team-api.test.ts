import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack/index.ts';
import { clientFor } from './fixtures.ts';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

describe('users.info, the upload flow and views.publish', () => {
  it('users.info: members by default, admins and owners as set', async () => {
    fake.setUser('U2', { is_admin: true });
    const client = clientFor(fake);
    expect((await client.users.info({ user: 'U1' })).user).toMatchObject({
      id: 'U1',
      is_admin: false,
      is_owner: false,
    });
    expect((await client.users.info({ user: 'U2' })).user).toMatchObject({ is_admin: true });
    await expect(client.users.info({ user: 'nobody' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('filesUploadV2 goes getUploadURLExternal → upload URL → completeUploadExternal; completion needs the bytes', async () => {
    const client = clientFor(fake);
    await client.filesUploadV2({
      channel_id: 'D1',
      content: 'a,b\r\n1,2\r\n',
      filename: 'x.csv',
      title: 'X',
    });
    expect(fake.files()).toEqual([
      expect.objectContaining({
        filename: 'x.csv',
        content: 'a,b\r\n1,2\r\n',
        channel: 'D1',
        completed: true,
        title: 'X',
      }),
    ]);
    const reserved = await client.files.getUploadURLExternal({ filename: 'y.csv', length: 3 });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: String(reserved.file_id) }] }),
    ).rejects.toMatchObject({ data: { error: 'file_not_found' } });
  });

  it('views.publish keeps the last Home view per user and checks it like any view', async () => {
    const client = clientFor(fake);
    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    expect(fake.homeOf('U1')).toEqual({ type: 'home', blocks: [] });
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' as const }));
    await expect(
      client.views.publish({ user_id: 'U1', view: { type: 'home', blocks } }),
    ).rejects.toBeDefined();
    expect(fake.violations.length).toBeGreaterThan(0);
  });
});
