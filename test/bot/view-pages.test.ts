import type { InputBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { BLOCK_IDS } from '../../src/bot/ids.ts';
import { viewFor } from '../../src/bot/views/index.ts';
import type { WizardContext } from '../../src/machine/index.ts';
import {
  ACCOUNT,
  confirmingContext,
  doneContext,
  failure,
  freshContext,
  loggedInContext,
  meta,
  rememberedContext,
  uncertainContext,
} from './fixtures.ts';

import { blockById, CASES, type Case, inputs, json, remembered, render } from './view-cases.ts';

describe('account page', () => {
  const element = (view: ModalView, id: string) =>
    (blockById(view, id) as InputBlock | undefined)?.element as
      | { initial_value?: string; initial_options?: unknown[] }
      | undefined;

  it('fresh: pass phrase required, remember unticked, Log in, Change Pass Phrase button, nothing to reveal', () => {
    const view = viewFor('account', freshContext(), meta());
    expect(view.submit?.text).toBe('Log in');
    const phrase = blockById(view, BLOCK_IDS.passPhrase) as InputBlock;
    expect(phrase.optional).toBe(false);
    expect(phrase.hint?.text).toContain('Visible while you type');
    expect(element(view, BLOCK_IDS.accountId)?.initial_value).toBeUndefined();
    expect(element(view, BLOCK_IDS.remember)?.initial_options).toBeUndefined();
    expect(json(blockById(view, BLOCK_IDS.accountActions))).toContain('"action_id":"open_change"');
    expect(blockById(view, BLOCK_IDS.reveal)).toBeUndefined();
  });

  it('remembered: account prefilled, pass phrase optional with the hint, remember ticked', () => {
    const view = viewFor('account', rememberedContext(), meta(remembered));
    expect(element(view, BLOCK_IDS.accountId)?.initial_value).toBe(ACCOUNT);
    const phrase = blockById(view, BLOCK_IDS.passPhrase) as InputBlock;
    expect(phrase.optional).toBe(true);
    expect(phrase.hint?.text).toContain('Leave blank to use your remembered pass phrase');
    expect(element(view, BLOCK_IDS.remember)?.initial_options).toHaveLength(1);
    expect(json(blockById(view, BLOCK_IDS.reveal))).toContain('"action_id":"reveal"');
  });

  it('prefills the remembered account number when the context has none', () => {
    const view = viewFor('account', freshContext(), meta(remembered));
    expect(element(view, BLOCK_IDS.accountId)?.initial_value).toBe(ACCOUNT);
  });

  it('keeps Remember unticked after the person unticked it and the login failed', () => {
    const context = rememberedContext({ remember: false, failure: failure('passPhrase') });
    const view = viewFor('account', context, meta(remembered));
    expect(element(view, BLOCK_IDS.remember)?.initial_options).toBeUndefined();
  });

  it('ticks "Make pass phrase visible" while revealed', () => {
    const view = render(CASES.find((c) => c.name === 'account, revealed') as Case);
    expect(json(blockById(view, BLOCK_IDS.reveal))).toContain('initial_options');
  });

  it('shows a failure that came after the ack as a ⚠ line, and the notice', () => {
    const failed = viewFor('account', freshContext({ failure: failure('passPhrase') }), meta());
    expect(json(blockById(failed, BLOCK_IDS.failure))).toContain(':warning: The pass phrase is incorrect.');
    const noticed = render(CASES.find((c) => c.name === 'account, notice') as Case);
    expect(json(blockById(noticed, BLOCK_IDS.notice))).toContain('were forgotten');
  });

  it('escapes markup in foreign messages', () => {
    const view = viewFor('account', freshContext({ failure: failure(null, 'Bad <b> & "c"') }), meta());
    expect(json(blockById(view, BLOCK_IDS.failure))).toContain('Bad &lt;b&gt; &amp;');
  });
});

describe('postage pages', () => {
  it('details: server, balance as $1,234.50, Active, response, amount hint and prefill', () => {
    const view = viewFor('details', loggedInContext({ responseMessage: 'OK from Endicia' }), meta());
    const text = json(view);
    expect(text).toContain('$1,234.50');
    expect(text).toContain('Active');
    expect(text).toContain('elstestserver.endicia.com');
    expect(text).toContain('OK from Endicia');
    expect(view.submit?.text).toBe('Review');
    const amount = blockById(view, BLOCK_IDS.amount) as InputBlock;
    expect(amount.label.text).toBe('Postage to Add');
    expect(amount.hint?.text).toContain('$10.00');
    expect(amount.hint?.text).toContain('$500.00');
    expect(json(view)).toContain('"action_id":"logout"');
  });

  it('details: one name for the balance, the server as people read it with the URL in small print', () => {
    for (const environment of ['simulator', 'production', 'sandbox'] as const) {
      const view = viewFor('details', loggedInContext(), meta({ endiciaEnvironment: environment }));
      const summary = json(blockById(view, BLOCK_IDS.summary));
      expect(summary).toContain('*Postage balance*');
      expect(summary).toContain(`*Server*\\nEndicia: ${environment}`);
      expect(summary).not.toContain('elstestserver');
      const server = blockById(view, BLOCK_IDS.server);
      expect(server?.type).toBe('context');
      expect(json(server)).toContain('USPS Server URL: https://elstestserver.endicia.com');
    }
  });

  it('details: the Response Message row only when there is a message', () => {
    const without = json(
      blockById(viewFor('details', loggedInContext({ responseMessage: null }), meta()), BLOCK_IDS.summary),
    );
    expect(without).not.toContain('Response Message');
    const withIt = viewFor('details', loggedInContext({ responseMessage: 'OK from Endicia' }), meta());
    expect(json(blockById(withIt, BLOCK_IDS.summary))).toContain('*Response Message*\\nOK from Endicia');
  });

  it('confirming: "Postage balance" now and "After this purchase"', () => {
    const summary = json(blockById(viewFor('confirming', confirmingContext(), meta()), BLOCK_IDS.summary));
    expect(summary).toContain('*Postage balance*\\n$1,234.50');
    expect(summary).toContain('*After this purchase*\\n$1,259.50');
  });

  it('details: the runway and an amount covering 14 days, only when known', () => {
    const runway = { kind: 'rate', spentMils: 70_000, spanMs: 7 * 86_400_000, daysLeft: 4 } as const;
    const context = loggedInContext();
    const withRunway = viewFor(
      'details',
      { ...context, status: context.status === null ? null : { ...context.status, runway } },
      meta(),
    );
    expect(json(blockById(withRunway, BLOCK_IDS.summary))).toContain("about 4 days left at this week's rate");
    expect((blockById(withRunway, BLOCK_IDS.amount) as InputBlock).hint?.text).toMatch(
      /^Suggested: \$140\.00 covers about 14 days\. At least \$10\.00/,
    );
    const without = viewFor('details', context, meta());
    expect(json(blockById(without, BLOCK_IDS.summary))).not.toContain('Runway');
    expect((blockById(without, BLOCK_IDS.amount) as InputBlock).hint?.text).not.toContain('Suggested');
  });

  it('details: Postage to Add starts with the last amount, else the /postage buy draft', () => {
    const initial = (context: WizardContext) =>
      (
        (blockById(viewFor('details', context, meta()), BLOCK_IDS.amount) as InputBlock).element as {
          initial_value?: string;
        }
      ).initial_value;
    expect(initial(loggedInContext({ amountDraft: '40' }))).toBe('40');
    expect(initial(loggedInContext({ amountDraft: '40', amountCents: 2_550 }))).toBe('25.50');
    expect(initial(loggedInContext())).toBeUndefined();
    expect(initial(loggedInContext({ amountDraft: 'x'.repeat(40) }))).toBeUndefined();
  });

  it('details: caps the hint at Endicia’s own maximum', () => {
    const view = viewFor('details', loggedInContext({ maxPurchaseCents: 50_000_000 }), meta());
    expect((blockById(view, BLOCK_IDS.amount) as InputBlock).hint?.text).toContain('$99,999.99');
  });

  it('details: Endicia refusing the amount shows once, under Postage to Add, with ⚠', () => {
    const view = render(CASES.find((c) => c.name === 'details, amount refused') as Case);
    const text = json(view);
    expect(text.split('exceeds the account').length - 1).toBe(1);
    expect(json(blockById(view, BLOCK_IDS.summary))).not.toContain('Response Message');
    const order = view.blocks.map((block) => block.block_id);
    expect(order.indexOf(BLOCK_IDS.amountError)).toBe(order.indexOf(BLOCK_IDS.amount) + 1);
    expect(json(blockById(view, BLOCK_IDS.amountError))).toContain(':warning: The purchase amount exceeds');
  });

  it('details: once Endicia refused an amount as over the limit, the hint promises less than that', () => {
    const hint = (context: WizardContext) =>
      (blockById(viewFor('details', context, meta()), BLOCK_IDS.amount) as InputBlock).hint?.text;
    expect(hint(loggedInContext())).toContain('at most $500.00');
    const limited = hint(loggedInContext({ refusedOverLimitCents: 30_000 }));
    expect(limited).toContain('less than $300.00');
    expect(limited).not.toContain('$500.00');
    // A refusal above what the bot allows anyway changes nothing.
    expect(hint(loggedInContext({ refusedOverLimitCents: 90_000 }))).toContain('at most $500.00');
  });

  it('confirming: the question, balance now and after, Back, Buy Postage', () => {
    const view = viewFor('confirming', confirmingContext(), meta());
    const text = json(view);
    expect(text).toContain('Buy $25.00 of postage for account 2500001?');
    expect(text).toContain('$1,234.50');
    expect(text).toContain('$1,259.50');
    expect(json(blockById(view, BLOCK_IDS.confirmActions))).toContain('"action_id":"back"');
    expect(view.submit?.text).toBe('Buy Postage');
    expect(inputs(view)).toEqual([]);
  });

  it('purchasing and reconciling say what happens and offer no submit', () => {
    const buying = viewFor('purchasing', confirmingContext(), meta());
    expect(json(buying)).toContain('Buying $25.00 of postage');
    expect(json(buying)).toContain('Do not close this window');
    const checking = viewFor('reconciling', confirmingContext(), meta());
    expect(json(checking)).toContain('Endicia did not answer; checking the balance');
    for (const state of ['verifying', 'remembering', 'purchasing', 'reconciling', 'changing'] as const) {
      const view = viewFor(state, confirmingContext(), meta());
      expect(view.submit).toBeUndefined();
      expect(inputs(view)).toEqual([]);
    }
    expect(json(viewFor('verifying', freshContext(), meta()))).toContain('Checking your Endicia account');
    expect(json(viewFor('changing', freshContext(), meta()))).toContain('Changing the pass phrase');
  });

  it('done: amount, new balance, transaction id, message, Finish', () => {
    const view = viewFor('done', doneContext(), meta());
    const text = json(view);
    expect(text).toContain('$25.00');
    expect(text).toContain('$1,259.50');
    expect(text).toContain('9001');
    expect(text).toContain('submitted to Endicia');
    expect(view.submit?.text).toBe('Finish');
  });

  it('done: a purchase proven by the balance says there is no transaction id', () => {
    const view = render(CASES.find((c) => c.name === 'done, confirmed by balance') as Case);
    expect(json(view)).toContain('Not reported (confirmed by the balance)');
  });

  it('uncertain: honest sentence with the balance, or that it could not be read', () => {
    const withBalance = json(viewFor('uncertain', uncertainContext(1_259_500), meta()));
    expect(withBalance).toContain(
      "The purchase of $25.00 could not be confirmed — the balance is now $1,259.50; check before buying again: whether the balance rose by $25.00 (`/postage balance`), or the account's transaction history on Endicia's website.",
    );
    const without = viewFor('uncertain', uncertainContext(null), meta());
    expect(json(without)).toContain('the balance could not be read');
    expect(without.submit?.text).toBe('Finish');
  });
});

describe('change pass phrase', () => {
  it('rules, account prefilled, empty pass phrase fields, Change, Back inside the wizard', () => {
    const view = viewFor('changeForm', loggedInContext(), meta());
    const text = json(view);
    expect(view.title.text).toBe('Change Pass Phrase');
    expect(view.submit?.text).toBe('Change');
    expect(view.close?.text).toBe('Back');
    expect(text).toContain('5 to 64 characters');
    expect(text).toContain('last four');
    expect(text).toContain('Every other app');
    expect(text).toContain('suspended');
    const phraseBlocks = [BLOCK_IDS.currentPassPhrase, BLOCK_IDS.newPassPhrase, BLOCK_IDS.confirmPassPhrase];
    for (const id of phraseBlocks) {
      expect((blockById(view, id) as InputBlock).element).not.toHaveProperty('initial_value');
    }
    expect(
      ((blockById(view, BLOCK_IDS.accountId) as InputBlock).element as { initial_value?: string })
        .initial_value,
    ).toBe(ACCOUNT);
  });

  it('close is Cancel when opened by /postage passphrase, and the failure shows', () => {
    const view = render(CASES.find((c) => c.name === 'changeForm, passphrase entry, reused') as Case);
    expect(view.close?.text).toBe('Cancel');
    expect(json(blockById(view, BLOCK_IDS.failure))).toContain('four previously used');
  });

  it('changed: tells to update other apps', () => {
    const view = viewFor('changed', rememberedContext({ entry: 'passphrase' }), meta());
    expect(json(view)).toContain('Pass phrase changed for account 2500001.');
    expect(json(view)).toContain('Update any other app that uses it');
  });
});
