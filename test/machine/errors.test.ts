import { describe, expect, it } from 'vitest';
import { CodedError } from '../../src/lib/coded-error.ts';
import {
  type Failure,
  FlowError,
  isLostPurchaseAnswer,
  lostPurchaseAnswer,
  PURCHASE_ANSWER_LOST,
  toFailure,
} from '../../src/machine/index.ts';
import { PHRASE } from './fixtures.ts';

const refusal: Failure = {
  kind: 'amount',
  code: '12118',
  message: 'The purchase amount is too low.',
  field: null,
};

describe('errors', () => {
  it('FlowError is a CodedError carrying a copy of its failure, with no cause', () => {
    const error = new FlowError(refusal);
    expect(error).toBeInstanceOf(CodedError);
    expect([error.code, error.message, error.name]).toEqual(['12118', refusal.message, 'FlowError']);
    expect(error.failure).toEqual(refusal);
    expect(error.failure).not.toBe(refusal);
    expect(error.cause).toBeUndefined();
  });

  it('toFailure keeps a FlowError failure as plain JSON', () => {
    const failure = toFailure(new FlowError(refusal));
    expect(failure).toEqual(refusal);
    expect(JSON.parse(JSON.stringify(failure))).toEqual(refusal);
  });

  it.each([
    ['an Error quoting a request', new Error(`<PassPhrase>${PHRASE}</PassPhrase>`)],
    ['a string', PHRASE],
    ['undefined', undefined],
    ['a look-alike object', { ...refusal, message: PHRASE }],
  ])('toFailure turns %s into a generic internal failure', (_, thrown) => {
    const failure = toFailure(thrown);
    expect([failure.kind, failure.code, failure.field]).toEqual(['internal', 'INTERNAL', null]);
    expect(JSON.stringify(failure).includes(PHRASE)).toBe(false);
  });

  it('lostPurchaseAnswer is recognised, other unavailable failures are not', () => {
    const lost = lostPurchaseAnswer().failure;
    expect([lost.kind, lost.code]).toEqual(['unavailable', PURCHASE_ANSWER_LOST]);
    expect(isLostPurchaseAnswer(lost)).toBe(true);
    expect(isLostPurchaseAnswer({ ...lost, code: 'ENDICIA_UNAVAILABLE' })).toBe(false);
    expect(isLostPurchaseAnswer({ ...lost, kind: 'service' })).toBe(false);
  });
});
