/** What changed between two snapshots of pending approvals. */
export interface SnapshotDiff {
  added: string[];
  removed: string[];
}

export function diffSnapshots(previous: ReadonlyArray<{ id: string }>, next: ReadonlyArray<{ id: string }>): SnapshotDiff {
  const before = new Set(previous.map((a) => a.id));
  const after = new Set(next.map((a) => a.id));
  return {
    added: [...after].filter((id) => !before.has(id)),
    removed: [...before].filter((id) => !after.has(id)),
  };
}
