/**
 * Just enough of the Prometheus text exposition format to read the service's own counters during a run
 * (spooled lines, rejections). `# HELP`/`# TYPE` lines and timestamps are ignored.
 */
export type PromSamples = Map<string, number>;

/** Key of a sample: `name` or `name{a="x",b="y"}` with labels in the order given by the server. */
export function parsePrometheus(text: string): PromSamples {
  const out: PromSamples = new Map();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const close = brace >= 0 ? line.lastIndexOf('}') : -1;
    const nameEnd = brace >= 0 ? brace : line.search(/\s/);
    if (nameEnd <= 0) continue;
    const name = line.slice(0, nameEnd);
    const labels = brace >= 0 && close > brace ? line.slice(brace + 1, close) : '';
    const rest = line
      .slice(close >= 0 ? close + 1 : nameEnd)
      .trim()
      .split(/\s+/);
    const value = Number(rest[0]);
    if (rest[0] === undefined || Number.isNaN(value)) continue;
    out.set(labels === '' ? name : `${name}{${labels}}`, value);
  }
  return out;
}

/** One sample by name and labels (order-insensitive); 0 when absent. */
export function promValue(samples: PromSamples, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  for (const [key, value] of samples) {
    const brace = key.indexOf('{');
    const keyName = brace >= 0 ? key.slice(0, brace) : key;
    if (keyName !== name) continue;
    const have = parseLabels(brace >= 0 ? key.slice(brace + 1, -1) : '');
    if (wanted.every(([k, v]) => have.get(k) === v)) return value;
  }
  return 0;
}

/** Sum of every sample of a metric whose labels include `labels`. */
export function promSum(samples: PromSamples, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  let sum = 0;
  for (const [key, value] of samples) {
    const brace = key.indexOf('{');
    if ((brace >= 0 ? key.slice(0, brace) : key) !== name) continue;
    const have = parseLabels(brace >= 0 ? key.slice(brace + 1, -1) : '');
    if (wanted.every(([k, v]) => have.get(k) === v)) sum += value;
  }
  return sum;
}

function parseLabels(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[1], m[2].replace(/\\(.)/g, '$1'));
  return out;
}
