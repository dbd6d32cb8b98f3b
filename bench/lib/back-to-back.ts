/** Runs `fire` back to back on `concurrency` workers for `seconds`; counts what succeeded and the rate. */
export async function backToBack(concurrency: number, seconds: number, fire: () => Promise<boolean>): Promise<{ perSecond: number; ok: number; failed: number; concurrency: number }> {
  let ok = 0;
  let failed = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      if (await fire()) ok += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { perSecond: Math.round((ok / (Date.now() - started)) * 1000 * 10) / 10, ok, failed, concurrency };
}
