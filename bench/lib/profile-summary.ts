import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives: a package, FaceGate's own code, Node itself, or V8's work (GC, idle). */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1];
  if (url.startsWith('node:')) return 'node';
  const own = /\/dist\/(.*)\.js$/.exec(url);
  return own ? `facegate:${own[1]}` : url;
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of the busy (non-idle) time, by function and by area. */
  functions: { name: string; percent: number }[];
  areas: { area: string; percent: number }[];
  /**
   * The same time charged to the nearest caller that is a package or FaceGate's own code (not
   * Node, Express's router, Nest's core or rxjs, which run everyone's work): who asked for it.
   */
  responsible: { area: string; percent: number }[];
}

/** Areas that only carry others' work: time spent under them is charged to their caller. */
const PLUMBING = new Set(['node', 'rxjs', '@nestjs/core', 'router', 'express', 'on-finished', 'ee-first']);

/** The top `n` functions and areas by self time in a V8 CPU profile (--cpu-prof), idle time left out. */
export function summariseProfile(file: string, n = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const responsibleFor = (id: number): string => {
    const own = nodes.get(id)!.callFrame;
    if (own.functionName === '(garbage collector)') return own.functionName;
    let fallback: string | null = null;
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const { url, functionName } = nodes.get(at)!.callFrame;
      if (!url) continue;
      const area = areaOf(url, functionName);
      if (!PLUMBING.has(area)) return area;
      fallback ??= area;
    }
    return fallback ?? '(native)';
  };
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  const byResponsible = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += micros;
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
    const responsible = responsibleFor(id);
    byResponsible.set(responsible, (byResponsible.get(responsible) ?? 0) + micros);
  }
  const top = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, micros]) => [key, Math.round((micros / busy) * 1000) / 10] as const);
  return {
    totalMs: Math.round(busy / 1000),
    functions: top(byFunction).map(([name, percent]) => ({ name, percent })),
    areas: top(byArea).map(([area, percent]) => ({ area, percent })),
    responsible: top(byResponsible).map(([area, percent]) => ({ area, percent })),
  };
}

/** `ts-node bench/lib/profile-summary.ts <dir or file>`: prints the summary of the newest profile. */
if (require.main === module) {
  const target = process.argv[2] ?? '.';
  const file = target.endsWith('.cpuprofile')
    ? target
    : join(target, readdirSync(target).filter((name) => name.endsWith('.cpuprofile')).sort().pop() ?? '');
  console.log(JSON.stringify(summariseProfile(file, Number(process.argv[3] ?? 25)), null, 2));
}
