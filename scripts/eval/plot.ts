/**
 * A hand-written SVG grouped bar chart (no charting dependency): one group per model, one bar per metric.
 */
export interface BarGroup {
  label: string;
  values: Record<string, number>;
}

const COLOURS = ['#3b6ea8', '#e0843a', '#5a9e4b', '#b2484b', '#7d5ba6', '#8c6d46'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function barChartSvg(title: string, groups: BarGroup[], subtitle = ''): string {
  const metrics = [...new Set(groups.flatMap((g) => Object.keys(g.values)))];
  const max = Math.max(1e-9, ...groups.flatMap((g) => Object.values(g.values).filter(Number.isFinite)));
  const barW = 16, gap = 18, left = 50, top = 56, h = 220;
  const groupW = metrics.length * barW + gap;
  const width = left + groups.length * groupW + 20;
  const height = top + h + 90;
  const y = (v: number) => top + h - (v / max) * h;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="20" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text x="${left}" y="38" fill="#555">${esc(subtitle)}</text>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`, `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(2)}</text>`);
  }
  groups.forEach((g, gi) => {
    const x0 = left + gi * groupW + gap / 2;
    metrics.forEach((m, mi) => {
      const v = g.values[m];
      if (!Number.isFinite(v)) return;
      parts.push(`<rect x="${x0 + mi * barW}" y="${y(v)}" width="${barW - 2}" height="${top + h - y(v)}" fill="${COLOURS[mi % COLOURS.length]}"><title>${esc(`${g.label} ${m}: ${v.toFixed(3)}`)}</title></rect>`);
    });
    const cx = x0 + (metrics.length * barW) / 2;
    parts.push(`<text transform="translate(${cx},${top + h + 12}) rotate(30)" >${esc(g.label)}</text>`);
  });
  metrics.forEach((m, mi) => {
    parts.push(`<rect x="${left + mi * 110}" y="${height - 18}" width="10" height="10" fill="${COLOURS[mi % COLOURS.length]}"/>`, `<text x="${left + mi * 110 + 14}" y="${height - 9}">${esc(m)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
