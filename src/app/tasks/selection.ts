/**
 * Checkbox selection over a list of rows, keeping the order in which tasks were picked
 * (the first picked becomes the base task of a comparison).
 *
 * A plain click toggles one row. A shift-click applies the clicked row's new state to every row
 * between it and the previously clicked row (on the rows shown now).
 */
export function toggleRowSelection(
  selectedIds: readonly string[],
  rowIds: readonly string[],
  clickedId: string,
  anchorId: string | null,
  shiftKey: boolean,
): string[] {
  const select = !selectedIds.includes(clickedId);
  const clickedIndex = rowIds.indexOf(clickedId);
  const anchorIndex = anchorId === null ? -1 : rowIds.indexOf(anchorId);
  const range =
    shiftKey && anchorIndex >= 0 && clickedIndex >= 0
      ? rowIds.slice(Math.min(anchorIndex, clickedIndex), Math.max(anchorIndex, clickedIndex) + 1)
      : [clickedId];
  return setSelected(selectedIds, range, select);
}

/** Selects or clears every id in `ids`, leaving the rest of the selection alone. */
export function setSelected(selectedIds: readonly string[], ids: readonly string[], select: boolean): string[] {
  if (!select) {
    const clear = new Set(ids);
    return selectedIds.filter((id) => !clear.has(id));
  }
  const current = new Set(selectedIds);
  return [...selectedIds, ...ids.filter((id) => !current.has(id))];
}
