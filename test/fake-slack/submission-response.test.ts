import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack, userKey } from '../helpers/fake-slack/index.ts';
import { applySubmissionResponse } from '../helpers/fake-slack/submission-response.ts';
import { plain, sampleModal } from './fixtures.ts';

const KEY = userKey('T1', 'U1');
let fake: FakeSlack;

beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

function openRoot() {
  return fake.views.open(KEY, sampleModal());
}

describe('applySubmissionResponse (what the Slack client does with a view_submission ack)', () => {
  it('closes only the submitted view on an empty ack', () => {
    const root = openRoot();
    const pushed = fake.views.push(KEY, sampleModal({ title: plain('Pushed') }));
    applySubmissionResponse(fake, KEY, pushed ?? root, undefined);
    expect(fake.views.stackOf(KEY).map((v) => v.id)).toEqual([root.id]);
    expect(fake.views.byId(pushed?.id ?? '')?.open).toBe(false);
  });

  it('pushes, and records push_limit_reached beyond three views', () => {
    const root = openRoot();
    const push = { response_action: 'push', view: sampleModal({ title: plain('Next') }) };
    applySubmissionResponse(fake, KEY, root, push);
    applySubmissionResponse(fake, KEY, root, push);
    expect(fake.views.stackOf(KEY)).toHaveLength(3);
    expect(fake.violations).toEqual([]);
    applySubmissionResponse(fake, KEY, root, push);
    expect(fake.views.stackOf(KEY)).toHaveLength(3);
    expect(fake.violations).toEqual([
      { where: 'view_submission:push', message: expect.stringContaining('push_limit_reached') },
    ]);
  });

  it('clears the whole stack', () => {
    const root = openRoot();
    fake.views.push(KEY, sampleModal());
    applySubmissionResponse(fake, KEY, root, { response_action: 'clear' });
    expect(fake.views.stackOf(KEY)).toEqual([]);
  });

  it('validates views in update responses and does not show an invalid one', () => {
    const root = openRoot();
    applySubmissionResponse(fake, KEY, root, {
      response_action: 'update',
      view: sampleModal({ title: plain('x'.repeat(25)) }),
    });
    expect(fake.views.top(KEY)).toEqual(root);
    expect(fake.violations).toEqual([
      { where: 'view_submission:update', message: expect.stringContaining('/view/title/text') },
    ]);
  });

  it('returns field errors, keeps the view, and flags keys that are not input blocks', () => {
    const root = openRoot();
    const errors = applySubmissionResponse(fake, KEY, root, {
      response_action: 'errors',
      errors: { amount: 'Too small', intro: 'Not an input' },
    });
    expect(errors).toEqual({ amount: 'Too small', intro: 'Not an input' });
    expect(fake.views.top(KEY)?.id).toBe(root.id);
    expect(fake.violations).toEqual([
      { where: 'view_submission:errors', message: expect.stringContaining('"intro"') },
    ]);
  });

  it('flags an unknown response_action', () => {
    applySubmissionResponse(fake, KEY, openRoot(), { response_action: 'replace' });
    expect(fake.violations).toHaveLength(1);
  });
});
