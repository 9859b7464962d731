import type { InputBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { BLOCK_IDS, CALLBACK_IDS, stateOfCallbackId } from '../../src/bot/ids.ts';
import { failedView, viewFor, workingView } from '../../src/bot/views/index.ts';
import { WIZARD_STATES } from '../../src/machine/index.ts';
import { validateView } from '../helpers/fake-slack/block-kit-limits.ts';
import {
  ACCOUNT,
  doneContext,
  failure,
  freshContext,
  LABEL,
  leaks,
  loggedInContext,
  meta,
  NEW_PHRASE,
  PHRASE,
  rememberedContext,
  SESSION,
} from './fixtures.ts';

import { blockById, CASES, type Case, inputs, json, remembered, render } from './view-cases.ts';

/** The view with the revealed field's initial_value removed, to check it is the only place it occurs. */
function withoutRevealed(view: ModalView): unknown {
  const copy = JSON.parse(JSON.stringify(view)) as {
    blocks: { block_id?: string; element?: { initial_value?: string | undefined } }[];
  };
  for (const block of copy.blocks) {
    if (block.block_id === BLOCK_IDS.passPhraseShown && block.element)
      block.element.initial_value = undefined;
  }
  return copy;
}

describe('viewFor: every state, realistic contexts', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: Slack would accept it', (_name, c) => {
    expect(validateView(render(c))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: ids, metadata, banner', (_name, c) => {
    const view = render(c);
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(`postage/${c.state}`);
    expect(stateOfCallbackId(view.callback_id ?? '')).toBe(c.state);
    expect(view.private_metadata).toBe(SESSION);
    expect(view.notify_on_close).toBe(true);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks[0]?.block_id).toBe(BLOCK_IDS.environment);
    expect(json(view.blocks[0])).toContain(LABEL);
    if (inputs(view).length > 0) expect(view.submit).toBeDefined();
  });

  it('renders every wizard state (the table is exhaustive)', () => {
    for (const state of WIZARD_STATES) {
      const view = viewFor(state, loggedInContext(), meta());
      expect(view.callback_id).toBe(CALLBACK_IDS[state]);
      expect(validateView(view)).toEqual([]);
    }
  });

  it('has no banner in production', () => {
    for (const state of WIZARD_STATES) {
      const view = viewFor(state, loggedInContext(), meta({ environmentLabel: null }));
      expect(view.blocks.some((b) => b.block_id === BLOCK_IDS.environment)).toBe(false);
      expect(json(view)).not.toContain('SIMULATOR');
    }
  });

  it('is pure: the same input renders the same view', () => {
    for (const c of CASES) expect(render(c)).toEqual(render(c));
  });
});

describe('secrets', () => {
  it('the leak check itself finds a pass phrase in any encoding', () => {
    expect(leaks(json({ text: PHRASE }), PHRASE)).toBe(true);
    expect(leaks('…zqmarker-one…', PHRASE)).toBe(true);
    expect(leaks(json({ text: 'nothing here' }), PHRASE)).toBe(false);
  });

  it('never renders the credentials or the pending new pass phrase, in any state', () => {
    const loaded = doneContext({ pendingPassPhrase: NEW_PHRASE, failure: failure('passPhrase') });
    for (const state of WIZARD_STATES) {
      for (const m of [meta(), meta(remembered), meta({ ...remembered, environmentLabel: null })]) {
        const text = json(viewFor(state, loaded, m));
        expect(leaks(text, PHRASE), `${state} shows the pass phrase`).toBe(false);
        expect(leaks(text, NEW_PHRASE), `${state} shows the new pass phrase`).toBe(false);
      }
    }
  });

  it('shows a revealed pass phrase only as the initial value of its own field', () => {
    const view = viewFor(
      'account',
      rememberedContext({ reveal: true }),
      meta({ ...remembered, revealedPassPhrase: PHRASE }),
    );
    const shown = blockById(view, BLOCK_IDS.passPhraseShown) as InputBlock | undefined;
    expect(shown?.element.type).toBe('plain_text_input');
    expect((shown?.element as { initial_value?: string } | undefined)?.initial_value === PHRASE).toBe(true);
    expect(blockById(view, BLOCK_IDS.passPhrase)).toBeUndefined();
    expect(leaks(json(withoutRevealed(view)), PHRASE)).toBe(false);
    expect(view.private_metadata).toBe(SESSION);
  });

  it('ignores a revealed pass phrase when nothing is remembered', () => {
    const view = viewFor('account', freshContext(), meta({ revealedPassPhrase: PHRASE }));
    expect(leaks(json(view), PHRASE)).toBe(false);
    expect(blockById(view, BLOCK_IDS.passPhrase)).toBeDefined();
  });

  it('offers "Make pass phrase visible" only for a remembered login that is usable', () => {
    const usable = viewFor('account', rememberedContext(), meta(remembered));
    expect(blockById(usable, BLOCK_IDS.reveal)).toBeDefined();
    const refused = rememberedContext({ remembered: { accountId: ACCOUNT, revealable: false } });
    expect(blockById(viewFor('account', refused, meta(remembered)), BLOCK_IDS.reveal)).toBeUndefined();
    expect(blockById(viewFor('account', freshContext(), meta()), BLOCK_IDS.reveal)).toBeUndefined();
  });

  it('puts nothing but the session id into private_metadata, within 3000 characters', () => {
    for (const c of CASES) {
      const view = render(c);
      expect(view.private_metadata).toBe(SESSION);
      expect((view.private_metadata ?? '').length).toBeLessThanOrEqual(3000);
    }
  });
});

describe('stable block ids', () => {
  const idsOf = (view: ModalView) => inputs(view).map((b) => `${b.block_id}/${b.element.action_id}`);

  it('keeps input block and action ids across re-renders of a page', () => {
    const account = CASES.filter((c) => c.state === 'account' && c.name !== 'account, revealed').map(render);
    for (const view of account) expect(idsOf(view)).toEqual(idsOf(account[0] as ModalView));
    const details = CASES.filter((c) => c.state === 'details').map(render);
    expect(idsOf(details[0] as ModalView)).toEqual(idsOf(details[1] as ModalView));
    const change = CASES.filter((c) => c.state === 'changeForm').map(render);
    expect(idsOf(change[0] as ModalView)).toEqual(idsOf(change[1] as ModalView));
  });

  it('uses the documented ids', () => {
    const account = render(CASES[0] as Case);
    expect(idsOf(account)).toEqual(['account_id/account_id', 'pass_phrase/pass_phrase', 'remember/remember']);
    expect(idsOf(viewFor('details', loggedInContext(), meta()))).toEqual(['amount/amount']);
    expect(idsOf(viewFor('changeForm', loggedInContext(), meta()))).toEqual([
      'account_id/account_id',
      'current_pass_phrase/current_pass_phrase',
      'new_pass_phrase/new_pass_phrase',
      'confirm_pass_phrase/confirm_pass_phrase',
    ]);
  });

  it('moves the pass phrase to another block id only when it is revealed', () => {
    const revealed = render(CASES.find((c) => c.name === 'account, revealed') as Case);
    expect(idsOf(revealed)).toEqual([
      'account_id/account_id',
      'pass_phrase_shown/pass_phrase',
      'remember/remember',
    ]);
  });
});

describe('generic views', () => {
  it('failedView: one sentence and Close, session id only', () => {
    const view = failedView(meta(), 'This window is no longer active.');
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe('postage/failed');
    expect(stateOfCallbackId(view.callback_id ?? '')).toBeNull();
    expect(view.close?.text).toBe('Close');
    expect(view.submit).toBeUndefined();
    expect(view.private_metadata).toBe(SESSION);
    expect(json(view)).toContain('This window is no longer active.');
    expect(json(view)).toContain(LABEL);
  });

  it('workingView: a loading view by default', () => {
    const view = workingView(meta({ environmentLabel: null }), { text: 'Opening…' });
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe('postage/loading');
    expect(view.submit).toBeUndefined();
  });

  it('the fresh account page looks like this', () => {
    expect(viewFor('account', freshContext(), meta())).toMatchSnapshot();
  });
});
