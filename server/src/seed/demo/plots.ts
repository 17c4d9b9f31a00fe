/** Plotly figures shaped like the ones the ClearML SDK reports. */
import { Rng } from './rng.js';

const CONFIG = { displaylogo: false };

function fig(data: object[], layout: object): string {
  return JSON.stringify({ data, layout, config: CONFIG });
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Typical class pairs a CIFAR-10 classifier confuses, by index. */
const CONFUSABLE: Record<number, number[]> = {
  0: [8, 2],
  1: [9, 8],
  2: [4, 6, 0],
  3: [5, 6, 4],
  4: [2, 7, 5],
  5: [3, 7],
  6: [3, 2],
  7: [4, 5],
  8: [0, 1],
  9: [1, 8],
};

/** Per-class accuracies around `acc`, hard classes (cat, dog, bird) lower. */
export function perClassAccuracy(acc: number, classes: string[], rng: Rng): number[] {
  const difficulty = classes.map((c) =>
    c === 'cat' ? 1.9 : c === 'dog' ? 1.5 : c === 'bird' ? 1.3 : c === 'automobile' || c === 'truck' ? 0.55 : 0.8,
  );
  const mean = difficulty.reduce((a, b) => a + b, 0) / difficulty.length;
  return difficulty.map((d) => Math.max(0.05, Math.min(0.995, 1 - (1 - acc) * (d / mean) * (0.9 + 0.2 * rng.next()))));
}

/** Confusion matrix of counts (rows: actual, columns: predicted), `perClass` samples per class. */
export function confusionCounts(accs: number[], perClass: number, rng: Rng): number[][] {
  const n = accs.length;
  return accs.map((a, i) => {
    const row = new Array(n).fill(0);
    const correct = Math.round(perClass * a);
    row[i] = correct;
    let rest = perClass - correct;
    const confusers = CONFUSABLE[i]?.filter((j) => j < n) ?? [];
    for (const j of confusers) {
      const take = Math.round(rest * (0.35 + 0.2 * rng.next()));
      row[j] += take;
      rest -= take;
    }
    while (rest > 0) {
      const j = rng.int(0, n - 1);
      if (j === i) continue;
      const take = Math.min(rest, rng.int(1, 3));
      row[j] += take;
      rest -= take;
    }
    return row;
  });
}

export function confusionMatrixPlot(title: string, classes: string[], counts: number[][]): string {
  return fig([{ type: 'heatmap', z: counts, x: classes, y: classes, colorscale: 'Viridis', name: 'confusion', hoverongaps: false }], {
    title: { text: title },
    xaxis: { title: { text: 'Predicted' }, type: 'category' },
    yaxis: { title: { text: 'Actual' }, type: 'category', autorange: 'reversed' },
    showlegend: false,
  });
}

/** ROC curves from class AUCs: TPR = FPR^k with k = (1 - auc) / auc. */
export function rocPlot(title: string, classes: string[], aucs: number[]): string {
  const xs = Array.from({ length: 41 }, (_, i) => (i / 40) ** 2);
  const data: object[] = classes.map((c, i) => {
    const k = (1 - aucs[i]) / aucs[i];
    return {
      type: 'scatter',
      mode: 'lines',
      name: `${c} (AUC=${aucs[i].toFixed(3)})`,
      x: xs.map(r4),
      y: xs.map((x) => r4(x === 0 ? 0 : x ** k)),
    };
  });
  data.push({ type: 'scatter', mode: 'lines', name: 'chance', x: [0, 1], y: [0, 1], line: { dash: 'dash', color: 'grey' } });
  return fig(data, {
    title: { text: title },
    xaxis: { title: { text: 'False positive rate' }, range: [0, 1] },
    yaxis: { title: { text: 'True positive rate' }, range: [0, 1.02] },
    showlegend: true,
  });
}

/** Precision-recall curves; `ap` controls how long precision stays high. */
export function prPlot(title: string, classes: string[], aps: number[]): string {
  const rs = Array.from({ length: 41 }, (_, i) => i / 40);
  const data = classes.map((c, i) => {
    const k = 1 + 14 * aps[i] ** 3;
    return {
      type: 'scatter',
      mode: 'lines',
      name: `${c} (AP=${aps[i].toFixed(3)})`,
      x: rs.map(r4),
      y: rs.map((r) => r4(Math.max(0.1, 1 - (1 - 0.1) * r ** k))),
    };
  });
  return fig(data, {
    title: { text: title },
    xaxis: { title: { text: 'Recall' }, range: [0, 1] },
    yaxis: { title: { text: 'Precision' }, range: [0, 1.02] },
    showlegend: true,
  });
}

/** Weight histogram as a bar chart of bin counts (the way report_histogram sends it). */
export function weightHistogramPlot(title: string, std: number, count: number, rng: Rng, series = 'weights'): string {
  const bins = 41;
  const lo = -4 * std;
  const width = (8 * std) / (bins - 1);
  const centers = Array.from({ length: bins }, (_, i) => lo + i * width);
  const ys = centers.map((x) =>
    Math.round(((count * width * Math.exp(-(x * x) / (2 * std * std))) / (std * Math.sqrt(2 * Math.PI))) * (0.92 + 0.16 * rng.next())),
  );
  return fig([{ type: 'bar', name: series, x: centers.map((x) => Number(x.toPrecision(4))), y: ys }], {
    title: { text: title },
    xaxis: { title: { text: 'weight value' } },
    yaxis: { title: { text: 'count' } },
    bargap: 0.05,
    showlegend: false,
  });
}

/** Per-class metrics as a Plotly table trace (the way report_table sends it). */
export function tablePlot(title: string, header: string[], rows: (string | number)[][]): string {
  const columns = header.map((_, j) => rows.map((r) => r[j]));
  return fig(
    [
      {
        type: 'table',
        header: { values: header.map((h) => `<b>${h}</b>`), align: 'left', fill: { color: '#2b3a55' }, font: { color: 'white' } },
        cells: { values: columns, align: 'left' },
      },
    ],
    { title: { text: title } },
  );
}

/** Box plot of batch losses, one box per epoch window. */
export function boxPlot(title: string, groups: { name: string; values: number[] }[]): string {
  return fig(
    groups.map((g) => ({ type: 'box', name: g.name, y: g.values.map(r4), boxpoints: 'outliers' })),
    { title: { text: title }, yaxis: { title: { text: 'loss' } }, showlegend: false },
  );
}

/** 2-D embedding scatter (markers), one trace per class; clusters tighten as accuracy grows. */
export function embeddingPlot(title: string, classes: string[], acc: number, rng: Rng, perClass = 25): string {
  const spread = 0.6 + 3 * (1 - acc);
  const data = classes.map((c, i) => {
    const angle = (2 * Math.PI * i) / classes.length + rng.range(-0.2, 0.2);
    const cx = 10 * Math.cos(angle);
    const cy = 10 * Math.sin(angle);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let k = 0; k < perClass; k++) {
      xs.push(Math.round((cx + spread * rng.normal()) * 100) / 100);
      ys.push(Math.round((cy + spread * rng.normal()) * 100) / 100);
    }
    return { type: 'scatter', mode: 'markers', name: c, x: xs, y: ys, marker: { size: 5 } };
  });
  return fig(data, {
    title: { text: title },
    xaxis: { title: { text: 't-SNE 1' } },
    yaxis: { title: { text: 't-SNE 2' } },
    showlegend: true,
  });
}
