// The floor: the least a popup can do to show the stored rows. No framework, no validation;
// the same storage read and the same Intl formatting as the real popup. Benchmark only.
performance.mark('ot:script');
const KEYS = JSON.parse(decodeURIComponent(location.hash.slice(1) || '%5B%22popupList%22%5D'));
const usd = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const MIN = 60000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function duration(ms) {
  if (ms < MIN) return 'under 1 min';
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MIN);
  return d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`;
}

function ago(ms) {
  const abs = Math.abs(ms);
  if (abs < HOUR) return relative.format(-Math.round(abs / MIN), 'minute');
  if (abs < DAY) return relative.format(-Math.round(abs / HOUR), 'hour');
  return relative.format(-Math.round(abs / DAY), 'day');
}

chrome.storage.local.get(KEYS).then((stored) => {
  performance.mark('ot:state-read');
  const list = stored[KEYS[KEYS.length - 1]];
  const rows = list?.rows ?? [];
  const now = Date.now() + (list?.serverOffsetMs ?? 0);
  document.getElementById('count').textContent = String(rows.length);
  const ul = document.getElementById('rows');
  rows.forEach((row, i) => {
    const li = document.createElement('li');
    const head = document.createElement('div');
    const h = document.createElement('span');
    h.className = 'h';
    h.textContent = row.headline;
    if (i === 0) h.setAttribute('elementtiming', 'first-row');
    head.append(h);
    if (row.amountUsd != null) head.append(` ${usd.format(row.amountUsd)}`);
    const d = document.createElement('div');
    d.className = 'd';
    d.textContent = row.detail ?? '';
    const w = document.createElement('div');
    w.className = 'w';
    w.textContent = `expires in ${duration(Date.parse(row.expiresAt) - now)} · asked ${ago(now - Date.parse(row.createdAt))}`;
    const b = document.createElement('button');
    b.textContent = 'Open';
    li.append(head, d, w, b);
    ul.append(li);
  });
  performance.mark('ot:rendered');
});
