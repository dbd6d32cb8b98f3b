import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { closeAgent } from './http-client';
import { workDir } from './app-under-test';

/**
 * Runs the named scenarios (or only the one named on the command line), prints each result, and
 * writes them all with the machine and date to bench/.work/<bench>/results.json.
 */
export function runScenarios(bench: string, scenarios: Record<string, () => Promise<unknown>>): void {
  const main = async () => {
    const only = process.argv[2];
    const results: Record<string, unknown> = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0].model}, Node ${process.version}`,
    };
    for (const [name, run] of Object.entries(scenarios)) {
      if (only && only !== name) continue;
      results[name] = await run();
      console.log(name, JSON.stringify(results[name], null, 2));
    }
    closeAgent();
    const out = join(workDir(bench).dir, 'results.json');
    writeFileSync(out, JSON.stringify(results, null, 2));
    console.log(`results in ${out}`);
  };
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
