/** The value if `promise` settles within `ms`, else `timedOut` (the promise keeps running). */
export async function within<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  const settled = promise.then((value) => ({ done: true as const, value }));
  // A rejection after the time is up is the caller's to handle on `promise` itself; this derived copy
  // must not become an unhandled rejection (which would take the whole process down).
  settled.catch(() => {});
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
