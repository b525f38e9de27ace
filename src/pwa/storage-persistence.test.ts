import { describe, expect, it, vi } from 'vitest';
import { formatBytes, getStorageReport, requestPersistentStorage, type StorageLike } from './storage-persistence';

function fakeStorage(state: { persisted: boolean; grant: boolean; usage?: number; quota?: number }): StorageLike {
  return {
    persisted: vi.fn(async () => state.persisted),
    persist: vi.fn(async () => {
      state.persisted = state.grant;
      return state.grant;
    }),
    estimate: vi.fn(async () => ({ usage: state.usage, quota: state.quota })),
  };
}

describe('storage persistence', () => {
  it('asks only when not yet persistent, and reports the answer', async () => {
    const granted = fakeStorage({ persisted: false, grant: true });
    expect(await requestPersistentStorage(granted)).toEqual({ supported: true, persisted: true, requested: true });
    expect(await requestPersistentStorage(granted)).toEqual({ supported: true, persisted: true, requested: false });
    expect(granted.persist).toHaveBeenCalledTimes(1);

    const denied = fakeStorage({ persisted: false, grant: false });
    expect(await requestPersistentStorage(denied)).toEqual({ supported: true, persisted: false, requested: true });
    expect(await requestPersistentStorage(undefined)).toEqual({ supported: false, persisted: false, requested: false });
  });

  it('a throwing browser API is a refusal, not a crash', async () => {
    const storage = { ...fakeStorage({ persisted: false, grant: true }), persist: async () => Promise.reject(new Error('x')) };
    expect(await requestPersistentStorage(storage)).toEqual({ supported: true, persisted: false, requested: true });
  });

  it('reports usage, quota and their ratio for Insights', async () => {
    const report = await getStorageReport(fakeStorage({ persisted: true, grant: true, usage: 5 * 1024 * 1024, quota: 100 * 1024 * 1024 }));
    expect(report).toEqual({ supported: true, persisted: true, usageBytes: 5242880, quotaBytes: 104857600, usageRatio: 0.05 });
    expect(await getStorageReport(fakeStorage({ persisted: false, grant: false }))).toMatchObject({ usageBytes: null, usageRatio: null });
    expect(await getStorageReport(undefined)).toMatchObject({ supported: false });
  });

  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(4_070_174)).toBe('3.9 MB');
    expect(formatBytes(null)).toBe('unknown');
  });
});
