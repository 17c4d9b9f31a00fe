/**
 * Task colours within one comparison: each compared task holds a slot (0, 1, 2…), and a slot is a
 * look: a colour of the palette, and past the palette's length a line dash and a marker symbol as
 * well (charts draw the marker only where their dashes tell variants apart), so up to 100 tasks are told apart. Slots are given in comparison order and kept by a task when others
 * are added or removed (a new task takes the first free slot); the URL carries them when they are
 * not simply 0, 1, 2…, so a shared link shows the same colours.
 */

/**
 * Twenty colours, every two far apart (at least 27 ΔE in CIELAB), of middle lightness (L* 40–75)
 * so lines read on the light and the dark theme. The first ten are the familiar categorical set
 * (Tableau / D3 "category10"); the next ten were picked one by one, each the farthest in CIELAB from
 * all before it (as Glasbey's palettes are made), with a bounded chroma.
 */
export const TASK_PALETTE: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#966900',
  '#f00f78',
  '#3c875a',
  '#0078ff',
  '#ff8787',
  '#a5a55a',
  '#e178ff',
  '#c31ea5',
  '#d29669',
  '#87a5ff',
];

/** Line dashes (Plotly's names) of the palette's rounds: slots 0–19 solid, 20–39 dashed… */
export const TASK_DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash'] as const;
/** Marker symbols (Plotly's names) of the palette's rounds. */
export const TASK_SYMBOLS = ['circle', 'square', 'diamond', 'triangle-up', 'cross'] as const;
/** Slots a comparison can hold: every slot a look of its own. */
export const TASK_SLOTS = TASK_PALETTE.length * TASK_DASHES.length;

export type TaskDash = (typeof TASK_DASHES)[number];
export type TaskSymbol = (typeof TASK_SYMBOLS)[number];

/** How a task's traces are drawn. `round` 0 is plain lines; later rounds add the dash and the marker. */
export interface TaskLook {
  color: string;
  dash: TaskDash;
  symbol: TaskSymbol;
  round: number;
}

export function slotLook(slot: number): TaskLook {
  const index = Math.max(0, Math.floor(slot)) % TASK_SLOTS;
  const round = Math.floor(index / TASK_PALETTE.length);
  return { color: TASK_PALETTE[index % TASK_PALETTE.length], dash: TASK_DASHES[round], symbol: TASK_SYMBOLS[round], round };
}

/** SVG `stroke-dasharray` of a dash, for a line `width` wide (null: solid). */
export function svgDashArray(dash: TaskDash, width = 1.5): string | null {
  const w = Math.max(1, width);
  switch (dash) {
    case 'dash':
      return `${5 * w} ${3 * w}`;
    case 'dot':
      return `${w} ${2 * w}`;
    case 'dashdot':
      return `${5 * w} ${2 * w} ${w} ${2 * w}`;
    case 'longdash':
      return `${9 * w} ${3 * w}`;
    default:
      return null;
  }
}

/**
 * The slot of each task: the one asked for (`requested[i]`, from the URL) when it is a free, valid
 * slot, else the first free one, in comparison order.
 */
export function assignSlots(ids: readonly string[], requested: readonly (number | null)[] = []): number[] {
  const taken = new Set<number>();
  const slots: (number | null)[] = ids.map((_, i) => {
    const want = requested[i];
    if (want === null || want === undefined || !Number.isInteger(want) || want < 0 || want >= TASK_SLOTS || taken.has(want)) return null;
    taken.add(want);
    return want;
  });
  let free = 0;
  return slots.map((slot) => {
    if (slot !== null) return slot;
    while (taken.has(free)) free++;
    taken.add(free);
    return free;
  });
}

/** Slots after the comparison changed from `ids` to `nextIds`: a task keeps its slot, a new one takes the first free. */
export function nextSlots(ids: readonly string[], slots: readonly number[], nextIds: readonly string[]): number[] {
  const byId = new Map(ids.map((id, i) => [id, slots[i]] as const));
  return assignSlots(
    nextIds,
    nextIds.map((id) => byId.get(id) ?? null),
  );
}

/** Slots from the URL (`0,3,1`); entries that are not slot numbers are null. */
export function parseSlots(raw: unknown): (number | null)[] {
  if (typeof raw !== 'string' || !raw.trim()) return [];
  return raw.split(',').map((part) => (/^\d{1,3}$/.test(part.trim()) ? Number(part.trim()) : null));
}

/** The URL value of the slots: null when they are 0, 1, 2… (what the ids alone give). */
export function formatSlots(slots: readonly number[]): string | null {
  return slots.every((slot, i) => slot === i) ? null : slots.join(',');
}

/**
 * Names that tell tasks apart: a task whose name another compared task shares gets a short id
 * suffix ("resnet · 3fa8c").
 */
export function displayNames(tasks: readonly { id: string; name: string }[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const task of tasks) counts.set(task.name, (counts.get(task.name) ?? 0) + 1);
  return new Map(tasks.map((task) => [task.id, (counts.get(task.name) ?? 0) > 1 ? `${task.name} · ${task.id.slice(0, 5)}` : task.name]));
}
