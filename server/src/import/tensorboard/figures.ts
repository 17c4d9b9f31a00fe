import type { HistogramBucket } from './events';

/** Text shown inside a Plotly figure: entities, so markup in the text is shown, never rendered. */
function plainText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A TensorBoard histogram as a bar chart of its buckets (as ClearML's report_histogram draws it). */
export function histogramFigure(title: string, step: number, buckets: readonly HistogramBucket[]): string {
  const x = buckets.map((b) => (b.left + b.right) / 2);
  const width = buckets.map((b) => Math.max(b.right - b.left, 0));
  const y = buckets.map((b) => b.count);
  return JSON.stringify({
    data: [{ type: 'bar', name: plainText(title), x, y, width }],
    layout: {
      title: { text: `${plainText(title)} (step ${step})` },
      xaxis: { title: { text: 'value' } },
      yaxis: { title: { text: 'count' } },
      bargap: 0,
      showlegend: false,
    },
  });
}

/** A text summary as a one-cell table. */
export function textFigure(title: string, step: number, text: string): string {
  return JSON.stringify({
    data: [
      {
        type: 'table',
        header: { values: [`step ${step}`], align: 'left' },
        cells: { values: [[plainText(text).replace(/\n/g, '<br>')]], align: 'left' },
      },
    ],
    layout: { title: { text: plainText(title) } },
  });
}
