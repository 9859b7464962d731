import { fromPromise, type PromiseActorLogic } from 'xstate';
import { type Failure, FlowError } from '../../src/machine/index.ts';

/**
 * Fake promise actors for `wizardMachine.provide({ actors })`. Each records the input of every call
 * (inputs may hold fake pass phrases: compare them through `redact`, never print them raw).
 */
export interface FakeActor<TOutput, TInput> {
  logic: PromiseActorLogic<TOutput, TInput>;
  calls: TInput[];
}

/** What a fake rejects with: a Failure becomes a FlowError; any other error is thrown as is. */
export type Rejection = Failure | Error;

const toError = (rejection: Rejection): Error =>
  rejection instanceof Error ? rejection : new FlowError(rejection);

function fake<TOutput, TInput>(
  run: (input: TInput, signal: AbortSignal) => Promise<TOutput>,
): FakeActor<TOutput, TInput> {
  const calls: TInput[] = [];
  const logic = fromPromise<TOutput, TInput>(({ input, signal }) => {
    calls.push(input);
    return run(input, signal);
  });
  return { logic, calls };
}

/** Answers every call with `value`. */
export function resolves<TOutput, TInput>(value: NoInfer<TOutput>): FakeActor<TOutput, TInput> {
  return fake(async () => value);
}

/** Rejects every call. */
export function rejects<TOutput, TInput>(rejection: Rejection): FakeActor<TOutput, TInput> {
  return fake<TOutput, TInput>(async () => {
    throw toError(rejection);
  });
}

/** A fake whose calls stay pending until the test settles them, oldest first. */
export interface DeferredActor<TOutput, TInput> extends FakeActor<TOutput, TInput> {
  resolve(value: TOutput): void;
  reject(rejection: Rejection): void;
  /** The abort signal of each call, in call order (aborted when the invoking state is left). */
  signals: AbortSignal[];
  /** Calls not yet settled by the test. */
  readonly pending: number;
}

export function deferred<TOutput, TInput>(): DeferredActor<TOutput, TInput> {
  const waiting: Array<{ resolve: (value: TOutput) => void; reject: (error: Error) => void }> = [];
  const signals: AbortSignal[] = [];
  const base = fake<TOutput, TInput>(
    (_, signal) =>
      new Promise<TOutput>((resolve, reject) => {
        signals.push(signal);
        waiting.push({ resolve, reject });
      }),
  );
  const next = () => {
    const call = waiting.shift();
    if (call === undefined) throw new Error('deferred fake: no pending call to settle');
    return call;
  };
  return {
    ...base,
    signals,
    resolve: (value) => next().resolve(value),
    reject: (rejection) => next().reject(toError(rejection)),
    get pending() {
      return waiting.length;
    },
  };
}
