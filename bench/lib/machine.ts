import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  /** Cores busy with other processes over one second before the run (the machine is shared). */
  busyCores?: number;
}

interface CpuTimes {
  idle: number;
  total: number;
}

/** Cores busy (all processes) between two /proc/stat readings. */
function busyBetween(a: CpuTimes, b: CpuTimes): number {
  return ((b.total - a.total - (b.idle - a.idle)) / (b.total - a.total)) * cpus().length;
}

function cpuTimes(): CpuTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3] + (line[4] ?? 0);
  return { idle, total: line.reduce((a, b) => a + b, 0) };
}

/**
 * Samples the whole machine's CPU use (all processes, /proc/stat) every `everyMs` until stopped; `busyCores`
 * then gives the cores busy between two times (performance.now() ms), from the samples inside that window.
 * Undefined off Linux or when the window holds fewer than two samples.
 */
export function sampleCpu(everyMs = 100): { busyCores(fromMs: number, toMs: number): number | undefined; stop(): void } {
  const samples: (CpuTimes & { at: number })[] = [];
  const take = () => {
    try {
      samples.push({ at: performance.now(), ...cpuTimes() });
    } catch {
      // not Linux: no samples, no figure
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    busyCores(fromMs, toMs) {
      const inside = samples.filter((x) => x.at >= fromMs && x.at <= toMs);
      if (inside.length < 2) return undefined;
      return busyBetween(inside[0]!, inside.at(-1)!);
    },
    stop: () => clearInterval(timer),
  };
}

export async function describeMachine(): Promise<MachineInfo> {
  const info: MachineInfo = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  try {
    const a = cpuTimes();
    await new Promise((r) => setTimeout(r, 1000));
    const b = cpuTimes();
    info.busyCores = Number(busyBetween(a, b).toFixed(2));
  } catch {
    // /proc/stat is Linux-only; the load figure is informative, not required.
  }
  return info;
}
